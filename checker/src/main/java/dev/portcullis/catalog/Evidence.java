package dev.portcullis.catalog;

import dev.portcullis.model.Span;
import dev.portcullis.resolve.Value;

/**
 * Where an assertion's verdict was decided: the span a finding points at, the finding path relative to
 * {@code Properties} ({@code @Attribute} for resource attributes), the value found (null when missing), and for
 * UNKNOWN the reason the template does not decide it.
 */
record Evidence(Span span, String path, Value value, String reason) {
}
