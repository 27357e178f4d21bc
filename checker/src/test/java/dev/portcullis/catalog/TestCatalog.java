package dev.portcullis.catalog;

import java.lang.reflect.Method;

/**
 * The bundled catalog with the gate's built-in Java checks, as the product loads it. The registry lives in the
 * gate package (above the catalog), so it is reached by reflection rather than by a dependency the architecture
 * test forbids in main code.
 */
final class TestCatalog {

    private static Catalog bundled;

    private TestCatalog() {
    }

    static synchronized Catalog bundled() {
        if (bundled == null) {
            bundled = Catalog.bundled(registry());
        }
        return bundled;
    }

    static CheckRegistry registry() {
        try {
            Class<?> checks = Class.forName("dev.portcullis.gate.Checks");
            Method m = checks.getDeclaredMethod("ruleChecks");
            m.setAccessible(true);
            return (CheckRegistry) m.invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach the built-in rule checks", e);
        }
    }
}
