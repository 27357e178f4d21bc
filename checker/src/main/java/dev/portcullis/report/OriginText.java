package dev.portcullis.report;

import dev.portcullis.model.CdkOrigin;
import dev.portcullis.model.Finding;

/**
 * How the plain-text formats (JUnit, GitHub annotations) name where a finding's resource comes from in a CDK app:
 * the construct path after the logical id, as the text report shows it, and the user's source line that created it.
 */
final class OriginText {

    private OriginText() {
    }

    /** {@code Bucket (AppStack/Bucket/Resource)}, or the logical id alone outside a cloud assembly. */
    static String resource(Finding f, String templateLevel) {
        String name = f.resource() == null ? templateLevel : f.resource();
        CdkOrigin origin = f.origin();
        return origin == null || origin.constructPath() == null ? name : name + " (" + origin.constructPath() + ")";
    }

    /** {@code created at com/example/App.java:12}; null when the assembly holds no creation stack trace. */
    static String createdAt(Finding f) {
        CdkOrigin origin = f.origin();
        if (origin == null || origin.sourceFile() == null) {
            return null;
        }
        return "created at " + origin.sourceFile() + (origin.sourceLine() == null ? "" : ":" + origin.sourceLine());
    }
}
