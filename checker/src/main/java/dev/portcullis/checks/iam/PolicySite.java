package dev.portcullis.checks.iam;

import dev.portcullis.resolve.Value;

/**
 * One policy document found in a resource's properties: its kind, its path below {@code Properties}
 * ({@code Policies/0/PolicyDocument}) and its evaluated value (a mapping, or JSON text for the properties that
 * take policies as strings).
 */
public record PolicySite(PolicyKind kind, String path, Value document) {
}
