package dev.portcullis.gate;

import com.fasterxml.jackson.core.JsonProcessingException;

/** Jackson's complaint about a JSON input, as a one-line message and a line for people, without its internals. */
final class JsonErrors {

    private JsonErrors() {
    }

    /** The message without Jackson's source description ({@code [Source: ...; line: 2, column: 14]}). */
    static String message(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        return message.replaceAll("\\[Source: [^;\\]]*; ", "[").replaceAll("\\s*\\R\\s*", " ");
    }

    /** The 1-based line Jackson stopped at, or null when it does not say. */
    static Integer line(JsonProcessingException e) {
        return e.getLocation() == null || e.getLocation().getLineNr() < 1 ? null : e.getLocation().getLineNr();
    }
}
