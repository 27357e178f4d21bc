package dev.portcullis.response.port;

import java.util.List;
import java.util.Optional;

/** One page of a paginated read; {@code next} is the opaque cursor of the following page, empty on the last. */
public record Page<T>(List<T> items, Optional<String> next) {

    public Page {
        items = List.copyOf(items);
    }
}
