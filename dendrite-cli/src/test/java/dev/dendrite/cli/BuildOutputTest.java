package dev.dendrite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A quiet batch build prints nothing: Maven 3.8 writes a colour reset ({@code ESC[0m}) per logger
 * even with {@code -B -q}, which {@code .mvn/jvm.config} turns off. Runs Maven on the parent POM
 * alone, offline (nothing to fetch: the validate phase binds no plugin there).
 */
class BuildOutputTest {
    @Test
    void aQuietBatchBuildPrintsNoEscapeCodes() throws Exception {
        Path mvn = null;
        for (String folder : System.getenv("PATH").split(File.pathSeparator)) {
            Path candidate = Path.of(folder, "mvn");
            if (Files.isExecutable(candidate)) {
                mvn = candidate;
                break;
            }
        }
        assumeTrue(mvn != null, "no mvn on the PATH");
        Process process = new ProcessBuilder(mvn.toString(), "-B", "-q", "-o", "-N", "validate")
                .directory(Path.of("..").toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "mvn finished");
        assertEquals(0, process.exitValue(), output);
        assertFalse(output.contains("\u001b"), "escape codes in: " + output.replace("\u001b", "ESC"));
    }
}
