package dev.portcullis.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;

import dev.portcullis.model.CheckResult;
import dev.portcullis.model.Finding;
import dev.portcullis.model.InputError;
import dev.portcullis.model.Severity;

/**
 * Writes the result as GitHub Actions workflow commands, which the runner turns into annotations on the pull
 * request: {@code ::error} for critical and high findings, {@code ::warning} for medium, {@code ::notice} for low
 * and info, and {@code ::error} for each input that could not be evaluated. Suppressed findings are left out; a
 * finding whose waiver expired says so; a resource from a CDK cloud assembly is named with its construct path
 * ({@code Bucket (AppStack/Bucket/Resource): ...}). Files are named relative to the
 * working directory (the workspace in a workflow), as GitHub matches them to the repository.
 */
public final class GithubReporter implements Reporter {

    private final ArtifactPaths paths;

    /** @param root the directory file names are made relative to, normally the working directory */
    public GithubReporter(Path root) {
        this.paths = new ArtifactPaths(root);
    }

    @Override
    public void write(CheckResult result, Writer out) throws IOException {
        for (Finding f : result.findings().stream().filter(f -> !f.suppressed()).sorted(Finding.ORDER).toList()) {
            String lapsed = SuppressionText.lapsed(f.suppression());
            String createdAt = OriginText.createdAt(f);
            String message = (f.resource() == null ? "" : OriginText.resource(f, null) + ": ") + f.message()
                    + (f.scenario() == null ? "" : " [when " + f.scenario() + "]")
                    + (lapsed == null ? "" : " [" + lapsed + "]")
                    + (createdAt == null ? "" : " [" + createdAt + "]");
            out.write("::" + command(f.severity())
                    + " file=" + property(paths.display(f.file()))
                    + ",line=" + f.line()
                    + ",col=" + f.column()
                    + ",title=" + property(f.ruleId())
                    + "::" + data(message) + "\n");
        }
        for (InputError e : result.errors().stream().sorted(JsonReport.ERROR_ORDER).toList()) {
            String location = e.internal() ? ""
                    : " file=" + property(paths.display(e.file())) + (e.line() == null ? "" : ",line=" + e.line());
            out.write("::error" + location + "::" + data(e.message()) + "\n");
        }
        out.flush();
    }

    private static String command(Severity severity) {
        return switch (severity) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW, INFO -> "notice";
        };
    }

    /** The message part: a line break would end the command, a {@code %} would start an escape. */
    static String data(String text) {
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** A property value: also {@code :} and {@code ,}, which would end the value. */
    static String property(String text) {
        return data(text).replace(":", "%3A").replace(",", "%2C");
    }
}
