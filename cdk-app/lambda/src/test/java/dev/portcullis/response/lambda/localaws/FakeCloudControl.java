package dev.portcullis.response.lambda.localaws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A FAKE of Cloud Control's {@code GetResource} (JSON 1.0, target {@code CloudApiService.GetResource}), which moto
 * does not have. Tests register the CloudFormation-shaped properties of a resource by type and identifier, as
 * Cloud Control would return them (a JSON document in a string); an unknown resource is
 * {@code ResourceNotFoundException}, and a type can be made to fail with AWS's {@code UnsupportedActionException}.
 * Every read is recorded.
 */
public final class FakeCloudControl extends LoopbackJsonServer {

    private final Map<String, JsonNode> resources = new ConcurrentHashMap<>();
    private final Map<String, String> failingTypes = new ConcurrentHashMap<>();
    private final List<String> reads = new ArrayList<>();

    public static FakeCloudControl start() {
        return new FakeCloudControl();
    }

    public FakeCloudControl put(String type, String identifier, JsonNode properties) {
        resources.put(type + "|" + identifier, properties.deepCopy());
        return this;
    }

    public FakeCloudControl failing(String type, String errorCode) {
        failingTypes.put(type, errorCode);
        return this;
    }

    public synchronized List<String> reads() {
        return List.copyOf(reads);
    }

    @Override
    protected Reply handle(String method, String path, HttpExchange exchange, JsonNode body) {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (!"POST".equals(method) || target == null || !target.endsWith(".GetResource")) {
            return error(400, "UnsupportedActionException", "the fake serves GetResource only, not " + target);
        }
        String type = text(body.get("TypeName"));
        String identifier = text(body.get("Identifier"));
        if (type == null || identifier == null) {
            return error(400, "ValidationException", "TypeName and Identifier are required");
        }
        synchronized (this) {
            reads.add(type + "|" + identifier);
        }
        if (failingTypes.containsKey(type)) {
            return error(400, failingTypes.get(type), "Resource type " + type + " does not support READ action");
        }
        JsonNode properties = resources.get(type + "|" + identifier);
        if (properties == null) {
            return error(400, "ResourceNotFoundException", "Resource of type '" + type + "' with identifier '"
                    + identifier + "' was not found.");
        }
        ObjectNode reply = JSON.createObjectNode().put("TypeName", type);
        reply.putObject("ResourceDescription").put("Identifier", identifier).put("Properties", properties.toString());
        return ok(reply);
    }
}
