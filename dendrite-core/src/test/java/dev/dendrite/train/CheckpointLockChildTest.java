package dev.dendrite.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two training processes on one checkpoint folder: while the first runs, the second is refused
 * in one line naming the first one's process id, and the first finishes unharmed; once the first
 * is killed, the operating system has released its lock and a resume goes ahead.
 */
@Tag("slow")
class CheckpointLockChildTest {
    @TempDir
    Path folder;

    @Test
    void aSecondProcessIsRefusedWhileTheFirstTrainsAndMayResumeAfterItIsKilled() throws Exception {
        Path directory = folder.resolve("ck");
        Process first = start("hold", directory);
        BufferedReader firstOut = reader(first);
        assertEquals("training", report(firstOut));

        for (String mode : List.of("fresh", "resume")) {
            Process second = start(mode, directory);
            String line = report(reader(second));
            assertTrue(second.waitFor(60, TimeUnit.SECONDS));
            assertEquals(3, second.exitValue(), mode + ": " + line);
            assertEquals("refused checkpoint: expected a folder no other run is using, got " + directory
                    + ", locked by process " + first.pid() + " (" + directory.resolve(CheckpointLock.FILE)
                    + "); wait for that run to end or use another folder", line);
        }
        try (OutputStream in = first.getOutputStream()) {
            in.write('\n');
        }
        assertEquals("done", report(firstOut));
        assertTrue(first.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, first.exitValue());
        assertEquals(3, CheckpointDirectory.latest(directory, w -> { }).checkpoint().position().epochsDone(),
                "the first run finished its 3 epochs undisturbed");

        Path killed = folder.resolve("killed");
        Process holder = start("hold", killed);
        assertEquals("training", report(reader(holder)));
        holder.destroyForcibly();
        holder.waitFor();
        assertTrue(Files.exists(killed.resolve(CheckpointLock.FILE)), "the lock file stays");
        Process resumed = start("resume", killed);
        assertEquals("done", report(reader(resumed)));
        assertTrue(resumed.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, resumed.exitValue());
    }

    /** The child's next report line, past the progress bar's lines; null at the end of its output. */
    private static String report(BufferedReader lines) throws IOException {
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.equals("training") || line.equals("done") || line.startsWith("refused ")) {
                return line;
            }
        }
        return null;
    }

    private static BufferedReader reader(Process process) {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    private static Process start(String mode, Path directory) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), CheckpointLockChild.class.getName(), mode,
                directory.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }
}
