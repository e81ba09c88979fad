package dev.dendrite.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint folder's lock within one process: a second lock, or a second trainer, is refused
 * with the holder's process id, and nothing in the folder changes; the lock is released when the
 * run ends, however it ends. {@link CheckpointLockChildTest} does the same across two processes.
 */
class CheckpointLockTest {
    private static final long PID = ProcessHandle.current().pid();

    @TempDir
    Path folder;

    @Test
    void aSecondLockIsRefusedNamingTheHolderUntilTheFirstIsReleased() throws IOException {
        try (CheckpointLock first = CheckpointLock.acquire(folder)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> CheckpointLock.acquire(folder));
            assertEquals("checkpoint: expected a folder no other run is using, got " + folder
                    + ", locked by this process (" + PID + ") (" + folder.resolve(CheckpointLock.FILE)
                    + "); wait for that run to end or use another folder", e.getMessage());
            assertEquals(OptionalLong.of(PID), CheckpointLock.holder(folder));
            assertThrows(IllegalStateException.class, () -> CheckpointLock.requireFree(folder));
        }
        assertEquals(OptionalLong.empty(), CheckpointLock.holder(folder));
        CheckpointLock.requireFree(folder);
        CheckpointLock.acquire(folder).close();
    }

    @Test
    void aFolderWithoutALockFileIsFreeAndStaysUntouched() throws IOException {
        Path missing = folder.resolve("not-yet");
        assertEquals(OptionalLong.empty(), CheckpointLock.holder(missing));
        assertFalse(Files.exists(missing));
    }

    @Test
    void aTrainerOnALockedFolderIsRefusedAndChangesNothing() throws IOException {
        Path leftover = folder.resolve(".checkpoint-000000006.safetensors." + PID + "-1.tmp");
        try (CheckpointLock held = CheckpointLock.acquire(folder)) {
            Files.write(leftover, new byte[] {1});
            CheckpointRun run = new CheckpointRun("adam", 8, 2, 1, CheckpointPolicy.in(folder));
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> run.trainer.fit(CheckpointRun.data()));
            assertTrue(e.getMessage().contains("locked by this process (" + PID + ")"), e.getMessage());
            assertEquals(0, CheckpointDirectory.list(folder).size());
            assertTrue(Files.exists(leftover), "the holder's temporary file is left alone");
        }
        Files.delete(leftover);
        new CheckpointRun("adam", 8, 2, 1, CheckpointPolicy.in(folder)).trainer.fit(CheckpointRun.data());
        assertEquals(2, CheckpointDirectory.list(folder).size());
        assertEquals(OptionalLong.empty(), CheckpointLock.holder(folder), "released when fit returns");
    }

    @Test
    void theLockIsReleasedWhenARunFails() throws IOException {
        new CheckpointRun("adam", 8, 2, 1, CheckpointPolicy.in(folder)).trainer.fit(CheckpointRun.data());
        // a new run on a folder of another run's checkpoints is refused after the lock was taken
        CheckpointRun second = new CheckpointRun("adam", 8, 2, 1, CheckpointPolicy.in(folder));
        assertThrows(IllegalStateException.class, () -> second.trainer.fit(CheckpointRun.data()));
        assertEquals(OptionalLong.empty(), CheckpointLock.holder(folder));
        // and so is a resume that is refused (another architecture)
        CheckpointRun other = new CheckpointRun("adam", 9, 3, 1, CheckpointPolicy.in(folder));
        assertThrows(IllegalArgumentException.class, () -> other.trainer.resume(CheckpointRun.data(), folder));
        assertEquals(OptionalLong.empty(), CheckpointLock.holder(folder));
    }
}
