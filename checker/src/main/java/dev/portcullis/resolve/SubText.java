package dev.portcullis.resolve;

import java.util.ArrayList;
import java.util.List;

/**
 * The string of an {@code Fn::Sub}, split into literal text and {@code ${Name}} variables.
 * {@code ${!Literal}} is the escape for a literal {@code ${Literal}}; a {@code ${} with no closing brace
 * is kept as text, as CloudFormation does.
 */
public record SubText(List<SubText.Part> parts) {

    public sealed interface Part permits Literal, Variable {
    }

    public record Literal(String text) implements Part {
    }

    /** {@code name} is trimmed: {@code Param}, {@code Resource.Attribute} or a pseudo-parameter. */
    public record Variable(String name) implements Part {
    }

    public SubText {
        parts = List.copyOf(parts);
    }

    public static SubText parse(String text) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("${", i);
            int close = open < 0 ? -1 : text.indexOf('}', open + 2);
            if (open < 0 || close < 0) {
                literal.append(text, i, text.length());
                break;
            }
            literal.append(text, i, open);
            String inner = text.substring(open + 2, close);
            if (inner.startsWith("!")) {
                literal.append("${").append(inner, 1, inner.length()).append('}');
            } else {
                if (literal.length() > 0) {
                    parts.add(new Literal(literal.toString()));
                    literal.setLength(0);
                }
                parts.add(new Variable(inner.trim()));
            }
            i = close + 1;
        }
        if (literal.length() > 0) {
            parts.add(new Literal(literal.toString()));
        }
        return new SubText(parts);
    }
}
