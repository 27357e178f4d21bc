package dev.portcullis.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An intrinsic function call in long form: {@code function} is {@code Ref}, {@code Condition} or
 * {@code Fn::*} (e.g. {@code Fn::Sub}); {@code argument} is its single argument node.
 * {@code !GetAtt a.b} is normalised to {@code Fn::GetAtt: [a, b]} by the parser.
 */
public record IntrinsicNode(String function, Node argument, Span span) implements Node {

    /** Every function name the parser turns into an intrinsic node (long form). */
    public static final Set<String> FUNCTIONS = Set.of(
            "Ref", "Condition",
            "Fn::Base64", "Fn::Cidr", "Fn::FindInMap", "Fn::GetAtt", "Fn::GetAZs", "Fn::ImportValue",
            "Fn::Join", "Fn::Select", "Fn::Split", "Fn::Sub", "Fn::Transform",
            "Fn::If", "Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not",
            "Fn::Length", "Fn::ToJsonString",
            // Rules-section functions
            "Fn::Contains", "Fn::EachMemberEquals", "Fn::EachMemberIn", "Fn::RefAll", "Fn::ValueOf", "Fn::ValueOfAll");

    @Override
    public Object toPlain() {
        Map<String, Object> out = new LinkedHashMap<>(1);
        out.put(function, argument.toPlain());
        return out;
    }
}
