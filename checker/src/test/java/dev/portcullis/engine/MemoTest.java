package dev.portcullis.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class MemoTest {

    private static final Memo.Key<String> NAME = Memo.Key.named("name");
    private static final Memo.Key<String> OTHER = Memo.Key.named("other");

    @Test
    void eachKeyAndQualifierIsComputedOnceIncludingNull() {
        Memo memo = new Memo();
        AtomicInteger calls = new AtomicInteger();
        assertEquals("a1", memo.get(NAME, "a", () -> "a" + calls.incrementAndGet()));
        assertEquals("a1", memo.get(NAME, "a", () -> "a" + calls.incrementAndGet()));
        assertEquals("b2", memo.get(NAME, "b", () -> "b" + calls.incrementAndGet()), "another qualifier");
        assertEquals("a3", memo.get(OTHER, "a", () -> "a" + calls.incrementAndGet()), "another key");
        assertNull(memo.get(NAME, "none", () -> {
            calls.incrementAndGet();
            return null;
        }));
        assertNull(memo.get(NAME, "none", () -> "not computed again"));
        assertEquals(4, calls.get());
    }

    @Test
    void aComputationMayUseTheMemo() {
        Memo memo = new Memo();
        String outer = memo.get(NAME, "outer", () -> "outer of " + memo.get(OTHER, "inner", () -> "inner"));
        assertEquals("outer of inner", outer);
        assertEquals("inner", memo.get(OTHER, "inner", () -> "recomputed"));
    }
}
