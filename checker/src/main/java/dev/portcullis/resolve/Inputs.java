package dev.portcullis.resolve;

import java.util.List;
import java.util.Map;

/**
 * What the user supplies about the deployment: parameter values ({@code --parameters FILE},
 * {@code --parameter K=V}) and the pseudo-parameters {@code --region} / {@code --account}.
 * Parameter values are strings as in the CloudFormation CLI; list parameters are comma-separated.
 *
 * @param undetermined parameters that are passed a value the check cannot know, by name, with the reason (a
 *                     nested stack whose parent passes a resource's attribute): their {@code Default} does not
 *                     apply, and their value is unknown
 */
public record Inputs(Map<String, String> parameters, String region, String account,
                     Map<String, String> undetermined) {

    public static final Inputs NONE = new Inputs(Map.of(), null, null);

    public Inputs {
        parameters = Map.copyOf(parameters);
        undetermined = Map.copyOf(undetermined);
    }

    /** Inputs whose parameter values are all known. */
    public Inputs(Map<String, String> parameters, String region, String account) {
        this(parameters, region, account, Map.of());
    }

    public List<String> parameterNames() {
        return List.copyOf(parameters.keySet());
    }
}
