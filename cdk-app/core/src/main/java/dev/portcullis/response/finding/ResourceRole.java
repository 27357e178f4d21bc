package dev.portcullis.response.finding;

/**
 * GuardDuty's {@code service.resourceRole}: whether our resource was attacked (TARGET) or did the attacking (ACTOR).
 * UNKNOWN when the finding does not say; the decision never blocks on an unknown role.
 */
public enum ResourceRole {
    TARGET,
    ACTOR,
    UNKNOWN
}
