package dev.portcullis.gate;

/** A rule id named in the project configuration or the waiver file, and where, so a missing rule is an error there. */
record RuleReference(String id, String file, int line) {
}
