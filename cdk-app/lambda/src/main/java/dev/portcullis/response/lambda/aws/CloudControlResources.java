package dev.portcullis.response.lambda.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.audit.ResourceReader;
import dev.portcullis.response.ResponseJson;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudcontrol.CloudControlClient;
import software.amazon.awssdk.services.cloudcontrol.model.GetResourceResponse;
import software.amazon.awssdk.services.cloudcontrol.model.ResourceNotFoundException;

/**
 * Reads a deployed resource's current properties with Cloud Control's {@code GetResource}, which returns them
 * CloudFormation-shaped (the same property names and nesting a template uses), so the audit can check them with the
 * gate's own rules. A resource that no longer exists is empty; every other failure is a {@link
 * ResourceReader.ResourceReadException} naming the AWS error.
 */
public final class CloudControlResources implements ResourceReader {

    private final CloudControlClient cloudControl;

    public CloudControlResources(CloudControlClient cloudControl) {
        this.cloudControl = cloudControl;
    }

    @Override
    public Optional<JsonNode> read(String type, String identifier) {
        GetResourceResponse response;
        try {
            response = cloudControl.getResource(r -> r.typeName(type).identifier(identifier));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw new ResourceReadException(type + " " + identifier + ": " + e.getMessage(), e);
        }
        String properties = response.resourceDescription() == null ? null : response.resourceDescription().properties();
        if (properties == null) {
            throw new ResourceReadException(type + " " + identifier + ": Cloud Control returned no properties", null);
        }
        try {
            return Optional.of(ResponseJson.mapper().readTree(properties));
        } catch (Exception e) {
            throw new ResourceReadException(type + " " + identifier + ": properties are not JSON: " + e.getMessage(), e);
        }
    }
}
