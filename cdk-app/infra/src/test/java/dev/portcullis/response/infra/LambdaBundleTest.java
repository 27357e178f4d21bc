package dev.portcullis.response.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LambdaBundleTest {

    @Test
    void missingJarNamesTheCommandThatBuildsIt(@TempDir Path directory) {
        Path jar = directory.resolve("portcullis-response-lambda.jar");
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> new LambdaBundle(jar));
        assertTrue(error.getMessage().contains(jar.toString()), error.getMessage());
        assertTrue(error.getMessage().contains(LambdaBundle.BUILD_COMMAND), error.getMessage());
    }

    @Test
    void unsetPropertyIsExplained() {
        String saved = System.getProperty(LambdaBundle.PROPERTY);
        System.clearProperty(LambdaBundle.PROPERTY);
        try {
            IllegalStateException error = assertThrows(IllegalStateException.class, LambdaBundle::fromSystemProperty);
            assertTrue(error.getMessage().contains(LambdaBundle.PROPERTY), error.getMessage());
            assertTrue(error.getMessage().contains("cdk"), error.getMessage());
        } finally {
            if (saved != null) {
                System.setProperty(LambdaBundle.PROPERTY, saved);
            }
        }
    }

    @Test
    void jarOverLambdasUnpackedLimitIsRefused(@TempDir Path directory) throws Exception {
        Path jar = directory.resolve("big.jar");
        byte[] content = new byte[4096];
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            for (String name : List.of("a.class", "b.class")) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(content);
                zip.closeEntry();
            }
        }
        LambdaBundle.requireUnpackedAtMost(jar, 8192);
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> LambdaBundle.requireUnpackedAtMost(jar, 8191));
        assertTrue(error.getMessage().contains("8192 bytes"), error.getMessage());
    }

    @Test
    void existingJarIsTheAsset(@TempDir Path directory) {
        LambdaBundle bundle = TestStacks.standInBundle(directory);
        System.setProperty(LambdaBundle.PROPERTY, bundle.jar().toString());
        try {
            assertEquals(bundle, LambdaBundle.fromSystemProperty());
        } finally {
            System.clearProperty(LambdaBundle.PROPERTY);
        }
    }
}
