package dev.dendrite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's first build: on JDK 23 and newer it gives Maven the option that keeps Maven's
 * own Guava from printing four {@code sun.misc.Unsafe} warnings (JDK 24 and newer print them), and
 * on older JDKs, which refuse that option, it leaves it out. A stand-in {@code mvn} records the
 * options it was given, so no real build runs.
 */
class LauncherBuildTest {
    private static final String ALLOW = "--sun-misc-unsafe-memory-access=allow";

    @TempDir
    Path folder;

    /** The MAVEN_OPTS the launcher's build gets when it runs on {@code java}. */
    private String mavenOptions(Path java) throws IOException, InterruptedException {
        Path launcher = folder.resolve("dendrite");
        Files.copy(Path.of("..", "dendrite"), launcher);
        Path bin = Files.createDirectories(folder.resolve("bin"));
        Path mvn = Files.writeString(bin.resolve("mvn"), "#!/bin/sh\nprintf '%s' \"$MAVEN_OPTS\" > \""
                + folder.resolve("maven-opts") + "\"\nexit 1\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder builder = new ProcessBuilder("bash", launcher.toString(), "--version")
                .redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("DENDRITE_JAVA", java.toString());
        builder.environment().remove("MAVEN_OPTS");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, process.exitValue(), output);
        assertTrue(output.contains("dendrite: build failed"), output);
        return Files.readString(folder.resolve("maven-opts"));
    }

    /** A java binary under /usr/lib/jvm whose major version is at least {@code min} and below {@code max}. */
    private static Path jdk(int min, int max) throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return null;
        }
        try (DirectoryStream<Path> homes = Files.newDirectoryStream(jvms)) {
            for (Path home : homes) {
                Path release = home.resolve("release");
                Path java = home.resolve("bin").resolve("java");
                if (!Files.isRegularFile(release) || !Files.isExecutable(java)) {
                    continue;
                }
                for (String line : Files.readAllLines(release)) {
                    if (line.startsWith("JAVA_VERSION=")) {
                        int major = Integer.parseInt(line.replaceAll("JAVA_VERSION=\"?([0-9]+).*", "$1"));
                        if (major >= min && major < max) {
                            return java;
                        }
                    }
                }
            }
        }
        return null;
    }

    @Test
    void aNewJdkBuildsWithMavensUnsafeWarningsSilenced() throws Exception {
        Path java = jdk(23, Integer.MAX_VALUE);
        assumeTrue(java != null, "no JDK 23 or newer under /usr/lib/jvm");
        assertTrue(mavenOptions(java).contains(ALLOW));
    }

    @Test
    void anOlderJdkIsNotGivenAnOptionItRefuses() throws Exception {
        Path java = jdk(17, 23);
        assumeTrue(java != null, "no JDK 17 to 22 under /usr/lib/jvm");
        assertFalse(mavenOptions(java).contains(ALLOW));
    }
}
