package dev.portcullis.response.finding;

/** The action block of a GuardDuty finding a remote IP was read from (the same in camelCase and ASFF form). */
public enum IpLocation {
    NETWORK_CONNECTION("networkConnectionAction"),
    PORT_PROBE("portProbeAction"),
    AWS_API_CALL("awsApiCallAction"),
    KUBERNETES_API_CALL("kubernetesApiCallAction"),
    RDS_LOGIN_ATTEMPT("rdsLoginAttemptAction");

    private final String actionKey;

    IpLocation(String actionKey) {
        this.actionKey = actionKey;
    }

    /** The camelCase key under {@code service.action} (ASFF capitalises the first letter). */
    public String actionKey() {
        return actionKey;
    }
}
