package dev.portcullis.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Picking the user's own frame from the creation stack traces CDK apps record in Java, TypeScript and JavaScript. */
class SourceFrameTest {

    @Test
    void javaFramesAsTheCdkRecordsThemNameTheFileByPackage() {
        List<String> trace = List.of(
                "...aws-cdk-lib, jsii runtime, node internals...",
                "(no user code in 10 frames, use --stack-trace-limit to capture more)",
                "software.amazon.awscdk.services.s3.Bucket$Builder.build (Bucket.java:979)",
                "com.example.sample.StorageStack$AdminAccess.<init> (StorageStack.java:44)",
                "com.example.sample.SampleApp.main (SampleApp.java:18)");
        assertEquals(new SourceFrame("com/example/sample/StorageStack.java", 44), SourceFrame.firstUserFrame(trace));
    }

    @Test
    void classicJavaFrames() {
        assertEquals(new SourceFrame("com/example/App.java", 12),
                SourceFrame.firstUserFrame(List.of("at java.base/java.lang.Thread.run(Thread.java:840)",
                        "at com.example.App.main(App.java:12)")));
        assertEquals(new SourceFrame("App.java", 3), SourceFrame.parse("App.main (App.java:3)"));
    }

    @Test
    void nodeFramesKeepTheirPath() {
        List<String> trace = List.of(
                "at new Bucket (/app/node_modules/aws-cdk-lib/aws-s3/lib/bucket.js:1:2345)",
                "at new AppStack (/home/me/app/lib/app-stack.ts:14:5)",
                "at Object.<anonymous> (/home/me/app/bin/app.ts:7:1)");
        assertEquals(new SourceFrame("/home/me/app/lib/app-stack.ts", 14), SourceFrame.firstUserFrame(trace));
        assertEquals(new SourceFrame("/home/me/app/bin/app.js", 3), SourceFrame.parse("at /home/me/app/bin/app.js:3:9"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "...jsii runtime, node internals...",
        "(no user code in 10 frames, use --stack-trace-limit to capture more)",
        "software.amazon.jsii.Kernel.create (Kernel.java:10)",
        "jdk.internal.reflect.NativeMethodAccessorImpl.invoke (NativeMethodAccessorImpl.java:77)",
        "org.codehaus.mojo.exec.ExecJavaMojo.executeMainMethod (ExecJavaMojo.java:142)",
        "at Kernel._create (/tmp/jsii-kernel-Xz/node_modules/@jsii/kernel/lib/kernel.js:10:5)",
        "at node:internal/main/run_main_module:28:49",
        "com.example.App.main (Native Method)",
        ""})
    void libraryFramesAndNonFramesAreNotUserCode(String frame) {
        assertNull(SourceFrame.parse(frame));
    }

    @Test
    void noUserFrameAtAll() {
        assertNull(SourceFrame.firstUserFrame(List.of("...aws-cdk-lib...")));
        assertNull(SourceFrame.firstUserFrame(null));
    }
}
