package dev.dendrite.cli;

import dev.dendrite.train.CheckpointLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train} on a checkpoint folder another run holds is refused in one line naming the
 * holder's process, before any data is loaded; once the holder lets go, the same command runs.
 * (The lock here is held by this test's process; the core's child-process test holds it from
 * another one.)
 */
class CheckpointFolderLockTest {
    private static final long PID = ProcessHandle.current().pid();

    @TempDir
    Path directory;

    private String[] train(Path folder, String folderOption, String... more) {
        String[] base = {"train", "--quiet", "--out", directory.resolve("m.safetensors").toString(), "--report",
            directory.resolve("r").toString(), folderOption, folder.toString()};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return args;
    }

    @Test
    void aNewRunOnAHeldFolderIsRefusedNamingTheHolder() throws IOException {
        Path ck = directory.resolve("ck");
        try (CheckpointLock held = CheckpointLock.acquire(ck)) {
            CliRun.of(train(ck, "--checkpoint", "--data", "iris", "--epochs", "1")).assertFails(1,
                    "dendrite train: checkpoint: expected a folder no other run is using, got " + ck,
                    "locked by this process (" + PID + ")", "wait for that run to end or use another folder");
        }
        CliRun.ok(train(ck, "--checkpoint", "--data", "iris", "--epochs", "1"));
        Files.delete(directory.resolve("m.safetensors"));
        try (CheckpointLock held = CheckpointLock.acquire(ck)) {
            CliRun.of(train(ck, "--resume", "--epochs", "2")).assertFails(1, "locked by this process (" + PID + ")");
        }
        CliRun.ok(train(ck, "--resume", "--epochs", "2"));
    }
}
