package dev.dendrite.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a training process with SIGKILL ({@code Process.destroyForcibly()} on Linux) again and again
 * — while it writes a checkpoint, between writing and renaming, and at random moments of training —
 * and resumes it each time in a new process. After every kill the newest checkpoint must load,
 * hold every save the child reported finished, and come with no warning; the run that finally
 * completes must end with the weights and history of a run never interrupted.
 */
class CheckpointKillTest {
    private static final int KILLS = 24;
    private static final long PAUSE_MILLIS = 25;

    @TempDir
    Path folder;

    @Test
    void runsKilledDuringSavesAndStepsResumeToTheUninterruptedWeights() throws Exception {
        Path reference = folder.resolve("reference.bin");
        assertEquals(0, runToCompletion(folder.resolve("reference"), reference));

        Path directory = folder.resolve("killed");
        Random chance = new Random(20240607);
        int kills = 0;
        int aimedAtSaves = 0;
        int duringSave = 0;
        int completions = 0;
        while (kills < KILLS) {
            Process child = start(directory, folder.resolve("result.bin"));
            Kill kill = kill(child, chance);
            long lastRenamed = kill.lastRenamed();
            if (child.exitValue() == 0) {
                completions++;   // it finished before the chosen moment: start the run over
                deleteTree(directory);
                continue;
            }
            kills++;
            aimedAtSaves += kill.trigger().equals("renamed") ? 0 : 1;
            duringSave += temporaryFiles(directory) > 0 ? 1 : 0;
            List<String> warnings = new ArrayList<>();
            CheckpointDirectory.Found found = CheckpointDirectory.latest(directory, warnings::add);
            assertEquals(List.of(), warnings, "kill " + kills);
            assertTrue(found.checkpoint().step() >= lastRenamed, "kill " + kills + ": newest checkpoint "
                    + found.checkpoint().step() + " is older than the last one reported saved, " + lastRenamed);
        }
        Path result = folder.resolve("result.bin");
        assertEquals(0, runToCompletion(directory, result), "the last resume");
        assertSameResult(reference, result);
        System.out.printf("checkpoint kill test: %d kills (%d left a save in progress), %d runs finished early%n",
                kills, duringSave, completions);
        // A kill aimed at "begin" or "written" lands before the rename (the child pauses between
        // writing and renaming); most must leave a temporary file, or the test never tried a torn save.
        assertTrue(aimedAtSaves >= KILLS / 4, "the seeded choice aimed only " + aimedAtSaves + " kills at saves");
        assertTrue(duringSave * 2 >= aimedAtSaves, "only " + duringSave + " of " + aimedAtSaves
                + " kills aimed at a save in progress landed during one");
    }

    /**
     * Lets the child report a few saves, then kills it at one of three moments: as a save begins
     * writing, while it waits between writing and renaming, or a moment after a save finished
     * (training, pruning or the next save). Returns the moment and the step of the last save reported renamed.
     */
    private static Kill kill(Process child, Random chance) throws Exception {
        int savesToSkip = 1 + chance.nextInt(6);
        String trigger = List.of("begin", "written", "renamed").get(chance.nextInt(3));
        long extraMillis = trigger.equals("renamed") ? chance.nextInt(4) : 0;
        long lastRenamed = -1;
        int renamed = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                String[] parts = line.split(" ");
                if (parts[0].equals("renamed") && parts[1].startsWith("checkpoint-")) {
                    renamed++;
                    lastRenamed = Long.parseLong(parts[1].replaceAll("\\D", ""));
                }
                if (renamed >= savesToSkip && parts[0].equals(trigger)) {
                    Thread.sleep(extraMillis);
                    child.destroyForcibly();
                    break;
                }
            }
        }
        child.waitFor();
        return new Kill(trigger, lastRenamed);
    }

    /** The moment a kill was aimed at ({@code begin}, {@code written} or {@code renamed}) and the last save reported. */
    private record Kill(String trigger, long lastRenamed) {
    }

    private Process start(Path directory, Path result) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), CheckpointChild.class.getName(),
                directory.toString(), result.toString(), Long.toString(PAUSE_MILLIS))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private int runToCompletion(Path directory, Path result) throws Exception {
        Process child = start(directory, result);
        child.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        return child.waitFor();
    }

    private static long temporaryFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(CheckpointFile::isTemporary).count();
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
    }

    private static void assertSameResult(Path expected, Path actual) throws IOException {
        try (DataInputStream want = new DataInputStream(Files.newInputStream(expected));
             DataInputStream got = new DataInputStream(Files.newInputStream(actual))) {
            int parameters = want.readInt();
            assertEquals(parameters, got.readInt(), "parameter count");
            for (int p = 0; p < parameters; p++) {
                assertArrayEquals(readFloats(want), readFloats(got), "parameter " + p);
            }
            int epochs = want.readInt();
            assertEquals(epochs, got.readInt(), "epochs");
            for (int e = 1; e <= epochs; e++) {
                assertEquals(want.readUTF(), got.readUTF(), "metrics of epoch " + e);
            }
        } catch (java.io.EOFException e) {
            fail("a result file is short: " + e);
        }
    }

    private static float[] readFloats(DataInputStream in) throws IOException {
        float[] values = new float[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }
}
