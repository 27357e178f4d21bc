package dev.portcullis.response.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * ASFF JSON to and from the SDK's Security Hub model, by the SDK's own field metadata (wire names and types), so a
 * finding travels as Security Hub's API carries it. Reading is strict: a member the model does not know, or a value
 * of the wrong type, is reported as a problem rather than dropped, which keeps the fixtures honest ASFF.
 */
final class AsffJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AsffJson() {
    }

    /** The finding in {@code json}; every problem is added to {@code problems} as "path: what". */
    static AwsSecurityFinding finding(JsonNode json, List<String> problems) {
        AwsSecurityFinding.Builder builder = AwsSecurityFinding.builder();
        read(json, builder, "", problems);
        return builder.build();
    }

    /** The model object as ASFF JSON, as Security Hub puts it into EventBridge events. */
    static ObjectNode json(SdkPojo pojo) {
        ObjectNode out = NODES.objectNode();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (value == null || value instanceof SdkAutoConstructList || value instanceof SdkAutoConstructMap) {
                continue;
            }
            out.set(field.locationName(), toJson(field, value));
        }
        return out;
    }

    private static void read(JsonNode json, SdkPojo builder, String path, List<String> problems) {
        if (!json.isObject()) {
            problems.add(path + ": expected an object");
            return;
        }
        Map<String, SdkField<?>> fields = new LinkedHashMap<>();
        builder.sdkFields().forEach(f -> fields.put(f.locationName(), f));
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            String memberPath = path.isEmpty() ? member.getKey() : path + "." + member.getKey();
            SdkField<?> field = fields.get(member.getKey());
            if (field == null) {
                problems.add(memberPath + ": not a member of the Security Hub model");
                continue;
            }
            Object value = fromJson(field, member.getValue(), memberPath, problems);
            if (value != null) {
                field.set(builder, value);
            }
        }
    }

    private static Object fromJson(SdkField<?> field, JsonNode json, String path, List<String> problems) {
        MarshallingType<?> type = field.marshallingType();
        if (json.isNull()) {
            return null;
        }
        if (type == MarshallingType.STRING) {
            return expect(json.isTextual(), json.asText(), "a string", path, problems);
        }
        if (type == MarshallingType.INTEGER) {
            return expect(json.canConvertToInt() && json.isIntegralNumber(), json.intValue(), "an integer", path, problems);
        }
        if (type == MarshallingType.LONG) {
            return expect(json.isIntegralNumber(), json.longValue(), "an integer", path, problems);
        }
        if (type == MarshallingType.DOUBLE) {
            return expect(json.isNumber(), json.doubleValue(), "a number", path, problems);
        }
        if (type == MarshallingType.FLOAT) {
            return expect(json.isNumber(), json.floatValue(), "a number", path, problems);
        }
        if (type == MarshallingType.BOOLEAN) {
            return expect(json.isBoolean(), json.booleanValue(), "true or false", path, problems);
        }
        if (type == MarshallingType.SDK_POJO) {
            SdkPojo nested = field.constructor().get();
            read(json, nested, path, problems);
            return ((SdkBuilder<?, ?>) nested).build();
        }
        if (type == MarshallingType.LIST) {
            if (!json.isArray()) {
                problems.add(path + ": expected an array");
                return null;
            }
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < json.size(); i++) {
                values.add(fromJson(member, json.get(i), path + "[" + i + "]", problems));
            }
            return values;
        }
        if (type == MarshallingType.MAP) {
            if (!json.isObject()) {
                problems.add(path + ": expected an object");
                return null;
            }
            SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> values = new LinkedHashMap<>();
            json.fields().forEachRemaining(e ->
                    values.put(e.getKey(), fromJson(member, e.getValue(), path + "." + e.getKey(), problems)));
            return values;
        }
        problems.add(path + ": " + type + " members are not read here");
        return null;
    }

    private static Object expect(boolean ok, Object value, String what, String path, List<String> problems) {
        if (!ok) {
            problems.add(path + ": expected " + what);
            return null;
        }
        return value;
    }

    private static JsonNode toJson(SdkField<?> field, Object value) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            return json((SdkPojo) value);
        }
        if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            ArrayNode array = NODES.arrayNode();
            ((List<?>) value).forEach(v -> array.add(toJson(member, v)));
            return array;
        }
        if (type == MarshallingType.MAP) {
            SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
            ObjectNode object = NODES.objectNode();
            ((Map<?, ?>) value).forEach((k, v) -> object.set(k.toString(), toJson(member, v)));
            return object;
        }
        if (value instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof Double d) {
            return NODES.numberNode(d);
        }
        if (value instanceof Float f) {
            return NODES.numberNode(f);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof String s) {
            return NODES.textNode(s);
        }
        throw new IllegalArgumentException(field.locationName() + ": no JSON form for " + value.getClass());
    }
}
