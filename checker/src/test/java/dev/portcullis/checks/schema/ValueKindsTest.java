package dev.portcullis.checks.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.portcullis.model.Span;
import dev.portcullis.resolve.Value;

class ValueKindsTest {

    private static final Span AT = new Span("t.yaml", 1, 1, 1, 2);

    private static boolean accepts(JsonType type, Object scalar) {
        return ValueKinds.accepts(Set.of(type), new Value.Scalar(scalar, AT));
    }

    @Test
    void stringsAcceptEveryScalarButNull() {
        assertEquals(true, accepts(JsonType.STRING, "x"));
        assertEquals(true, accepts(JsonType.STRING, 12L));
        assertEquals(true, accepts(JsonType.STRING, 1.5));
        assertEquals(true, accepts(JsonType.STRING, false));
        assertEquals(false, accepts(JsonType.STRING, null));
    }

    @Test
    void integersAcceptWholeNumbersAndTheirText() {
        assertEquals(true, accepts(JsonType.INTEGER, 3L));
        assertEquals(true, accepts(JsonType.INTEGER, new BigInteger("123456789012345678901234567890")));
        assertEquals(true, accepts(JsonType.INTEGER, 3.0));
        assertEquals(true, accepts(JsonType.INTEGER, "-42"));
        assertEquals(false, accepts(JsonType.INTEGER, 3.5));
        assertEquals(false, accepts(JsonType.INTEGER, "3.5"));
        assertEquals(false, accepts(JsonType.INTEGER, "three"));
        assertEquals(false, accepts(JsonType.INTEGER, ""));
        assertEquals(false, accepts(JsonType.INTEGER, true));
    }

    @Test
    void numbersAcceptNumericText() {
        assertEquals(true, accepts(JsonType.NUMBER, "0.25"));
        assertEquals(true, accepts(JsonType.NUMBER, "1e3"));
        assertEquals(true, accepts(JsonType.NUMBER, 7L));
        assertEquals(false, accepts(JsonType.NUMBER, "NaN"));
        assertEquals(false, accepts(JsonType.NUMBER, "ten"));
    }

    @Test
    void booleansAcceptTrueAndFalseInAnyCase() {
        assertEquals(true, accepts(JsonType.BOOLEAN, true));
        assertEquals(true, accepts(JsonType.BOOLEAN, "TRUE"));
        assertEquals(true, accepts(JsonType.BOOLEAN, "false"));
        assertEquals(false, accepts(JsonType.BOOLEAN, "yes"));
        assertEquals(false, accepts(JsonType.BOOLEAN, 1L));
    }

    @Test
    void structuresMatchOnlyTheirOwnType() {
        Value.Struct struct = new Value.Struct(List.of(), AT);
        Value.Seq seq = new Value.Seq(List.of(), AT);
        assertEquals(true, ValueKinds.accepts(Set.of(JsonType.OBJECT), struct));
        assertEquals(false, ValueKinds.accepts(Set.of(JsonType.STRING, JsonType.ARRAY), struct));
        assertEquals(true, ValueKinds.accepts(Set.of(JsonType.STRING, JsonType.ARRAY), seq));
        assertEquals(false, accepts(JsonType.OBJECT, "{}"));
        assertEquals(true, accepts(JsonType.NULL, null));
    }
}
