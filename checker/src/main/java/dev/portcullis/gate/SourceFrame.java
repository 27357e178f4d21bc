package dev.portcullis.gate;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A place in the user's CDK app source where a construct was created, picked from a creation stack trace: the
 * first frame that is not CDK, jsii, Node or JVM machinery. Java frames ({@code com.example.App.main
 * (App.java:12)}, also the classic {@code at ...(App.java:12)} form) name the file by package path
 * ({@code com/example/App.java}), since a bare file name is ambiguous in a multi-module app; Node frames
 * ({@code at new AppStack (/src/lib/app-stack.ts:12:5)}) keep the path the trace gives.
 */
record SourceFrame(String file, int line) {

    /** {@code [at ]function (file:line[:column])} or {@code at file:line:column}. */
    private static final Pattern FRAME = Pattern.compile(
            "^\\s*(?:at\\s+)?(?:(?<function>[^()]*?)\\s*\\()?(?<file>[^()]+?):(?<line>\\d+)(?::\\d+)?\\)?\\s*$");

    private static final List<String> LIBRARY_FUNCTIONS = List.of(
            "software.amazon.jsii.", "software.amazon.awscdk.", "software.constructs.", "java.", "javax.",
            "jdk.", "sun.", "com.sun.", "kotlin.", "scala.", "org.codehaus.mojo.exec.", "org.apache.maven.",
            "org.junit.", "org.gradle.");

    private static final List<String> LIBRARY_FILES = List.of(
            "node_modules", "node:", "/aws-cdk-lib/", "/constructs/", "jsii-kernel", "jsii-runtime", "jsii-java-runtime");

    private static final Pattern JVM_SOURCE = Pattern.compile(".*\\.(java|kt|scala|groovy)$");

    /** The first frame of {@code trace} in user code, or null when there is none. */
    static SourceFrame firstUserFrame(List<String> trace) {
        if (trace == null) {
            return null;
        }
        for (String frame : trace) {
            SourceFrame parsed = parse(frame);
            if (parsed != null) {
                return parsed;
            }
        }
        return null;
    }

    /** The frame as a user source place, or null when it is library code or not a frame with a line. */
    static SourceFrame parse(String frame) {
        if (frame == null) {
            return null;
        }
        Matcher m = FRAME.matcher(frame);
        if (!m.matches()) {
            return null;
        }
        String function = m.group("function") == null ? "" : m.group("function").strip();
        String file = m.group("file").strip();
        if (LIBRARY_FUNCTIONS.stream().anyMatch(function::startsWith)
                || LIBRARY_FILES.stream().anyMatch(file::contains)) {
            return null;
        }
        int line;
        try {
            line = Integer.parseInt(m.group("line"));
        } catch (NumberFormatException e) {
            return null;
        }
        return new SourceFrame(qualified(function, file), line);
    }

    /** {@code com.example.App$Inner.run} in {@code App.java} → {@code com/example/App.java}. */
    private static String qualified(String function, String file) {
        if (!JVM_SOURCE.matcher(file).matches() || file.contains("/") || function.isEmpty()) {
            return file;
        }
        int method = function.lastIndexOf('.');
        String type = method < 0 ? "" : function.substring(0, method);
        int pkg = type.lastIndexOf('.');
        return pkg < 0 ? file : type.substring(0, pkg).replace('.', '/') + "/" + file;
    }
}
