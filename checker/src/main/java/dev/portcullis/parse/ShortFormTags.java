package dev.portcullis.parse;

import java.util.HashMap;
import java.util.Map;

import dev.portcullis.model.IntrinsicNode;

/**
 * The YAML short-form intrinsic tags ({@code !Sub}, {@code !GetAtt}, ...) and the long-form function each one
 * stands for. Derived from {@link IntrinsicNode#FUNCTIONS} so the two forms can never disagree.
 */
final class ShortFormTags {

    private static final Map<String, String> FUNCTION_BY_TAG = new HashMap<>();

    static {
        for (String function : IntrinsicNode.FUNCTIONS) {
            String tag = "!" + (function.startsWith("Fn::") ? function.substring("Fn::".length()) : function);
            FUNCTION_BY_TAG.put(tag, function);
        }
    }

    private ShortFormTags() {
    }

    /** The long-form function for a tag such as {@code !Sub} ({@code Fn::Sub}), or null when it is not one. */
    static String function(String tag) {
        return FUNCTION_BY_TAG.get(tag);
    }
}
