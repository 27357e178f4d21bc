package dev.portcullis.response.infra;

/**
 * The functions of the response stack, each a handler class of the Lambda module's jar. The names here are the
 * contract with that module: a renamed handler must be renamed here, and the stack test checks every one.
 */
public enum ResponseFunction {

    /** EventBridge event → plan: parse the finding(s) and decide what to block and what to skip, with reasons. */
    DECIDE("Decide", "DecideHandler", 30,
            "Parses a GuardDuty or Security Hub finding event and decides what to block"),
    /** Plan → blocklist records, with conditional writes so a duplicate finding stores nothing. */
    STORE("Store", "StoreHandler", 60,
            "Stores planned blocks in the blocklist (duplicates are no-ops)"),
    /** Stored blocks → enforcement points; the single writer of every rule group, IP set and NACL. */
    ENFORCE("Enforce", "EnforceHandler", 300,
            "Writes blocks and unblocks to the enforcement points (single writer)"),
    /** Outcome → SNS, Slack and Security Hub (Note and workflow NOTIFIED). */
    NOTIFY("Notify", "NotifyHandler", 60,
            "Notifies SNS and Slack and marks Security Hub findings NOTIFIED"),
    /** One page of expired blocks → the unblocks to apply and the blocklist records to remove. */
    PRUNE("Prune", "PruneHandler", 300,
            "Lists a page of expired blocks for the prune-ip workflow"),
    /** Blocklist vs. enforcement points → the drift and its repair. */
    RECONCILE("Reconcile", "ReconcileHandler", 300,
            "Compares the blocklist with what is enforced and reports the drift"),
    /** Security Hub custom actions Quarantine / Release → instances isolated and snapshotted, or released. */
    QUARANTINE("Quarantine", "QuarantineHandler", 300,
            "Quarantines or releases the EC2 instances of Security Hub findings (custom actions)"),
    /** CloudWatch Logs subscription of flow-log records → the kill switch's response per instance. */
    FLOW_LOG("FlowLog", "FlowLogHandler", 300,
            "Flow-log kill switch: responds to rejected outbound traffic and contact with known-bad addresses");

    /** Package of every handler class in the Lambda module. */
    public static final String HANDLER_PACKAGE = "dev.portcullis.response.lambda";

    private final String logicalName;
    private final String handlerClass;
    private final int timeoutSeconds;
    private final String description;

    ResponseFunction(String logicalName, String handlerClass, int timeoutSeconds, String description) {
        this.logicalName = logicalName;
        this.handlerClass = handlerClass;
        this.timeoutSeconds = timeoutSeconds;
        this.description = description;
    }

    /** The construct id stem: {@code Decide}, {@code Enforce}, ... */
    public String logicalName() {
        return logicalName;
    }

    /** Fully qualified handler class name. */
    public String handlerClass() {
        return HANDLER_PACKAGE + "." + handlerClass;
    }

    /** The Lambda handler string. */
    public String handler() {
        return handlerClass() + "::handleRequest";
    }

    public int timeoutSeconds() {
        return timeoutSeconds;
    }

    public String description() {
        return description;
    }
}
