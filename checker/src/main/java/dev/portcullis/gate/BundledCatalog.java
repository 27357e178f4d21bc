package dev.portcullis.gate;

import dev.portcullis.catalog.Catalog;
import dev.portcullis.catalog.CheckRegistry;

/** The bundled rule catalog, loaded once per process (per check registry) and shared by every check run. */
final class BundledCatalog {

    private static CheckRegistry loadedFor;
    private static Catalog catalog;

    private BundledCatalog() {
    }

    static synchronized Catalog get(CheckRegistry registry) {
        if (catalog == null || loadedFor != registry) {
            catalog = Catalog.bundled(registry);
            loadedFor = registry;
        }
        return catalog;
    }
}
