package dev.portcullis.resolve;

import java.util.List;
import java.util.Map;

/**
 * What the user supplies about the deployment: parameter values ({@code --parameters FILE},
 * {@code --parameter K=V}) and the pseudo-parameters {@code --region} / {@code --account}.
 * Parameter values are strings as in the CloudFormation CLI; list parameters are comma-separated.
 */
public record Inputs(Map<String, String> parameters, String region, String account) {

    public static final Inputs NONE = new Inputs(Map.of(), null, null);

    public Inputs {
        parameters = Map.copyOf(parameters);
    }

    public List<String> parameterNames() {
        return List.copyOf(parameters.keySet());
    }
}
