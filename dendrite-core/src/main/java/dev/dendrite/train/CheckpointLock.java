package dev.dendrite.train;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;

/**
 * The lock a training run holds on its checkpoint folder while it runs, so that a second run on the
 * same folder is refused instead of deleting the first one's temporary files or mixing its
 * checkpoints in: an operating-system lock ({@link FileChannel#tryLock}) on the file
 * {@value #FILE} in the folder, which also holds the owner's process id for the refusal to name.
 * The operating system releases the lock when the process ends, however it ends, so a killed run
 * never leaves the folder locked; the file itself stays (deleting it could let two runs lock two
 * different files). Advisory: it keeps out other Dendrite runs, not other programs. Locks of one
 * process are refused too (two trainers in one JVM). Thread-safe; close it once.
 */
public final class CheckpointLock implements AutoCloseable {
    /** The lock file's name inside the folder. */
    public static final String FILE = ".dendrite.lock";
    /** A region past the process id, so that where locks are mandatory (Windows) the id stays readable. */
    private static final long REGION = 1 << 20;

    private final FileChannel channel;
    private final FileLock lock;

    private CheckpointLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code directory} (created when missing) for this process.
     *
     * @throws IllegalStateException if another run, in this process or another, holds it; the
     *                               message names the folder and the holder's process id
     * @throws IOException           if the lock file cannot be created or written
     */
    public static CheckpointLock acquire(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                throw inUse(directory, readHolder(channel));
            }
            byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(pid), 0);
            channel.force(false);
            return new CheckpointLock(channel, lock);
        } catch (Throwable e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Whether a run holds {@code directory} now, and which: its process id, or -1 when it holds the
     * lock but has not yet written its id; empty when no run does (or the folder does not exist).
     * Changes nothing in the folder; a run may of course start or end right after the answer.
     *
     * @throws IOException if the lock file exists but cannot be opened
     */
    public static OptionalLong holder(Path directory) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(directory.resolve(FILE), StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        }
        try (channel) {
            FileLock lock = tryLock(channel);
            if (lock != null) {
                lock.release();
                return OptionalLong.empty();
            }
            return OptionalLong.of(readHolder(channel));
        }
    }

    /**
     * Refuses {@code directory} when a run holds it, as {@link #acquire} would, without taking it: a
     * program can say so before it loads data for a run that could not start.
     *
     * @throws IllegalStateException naming the folder and the holder's process id
     * @throws IOException           if the lock file exists but cannot be opened
     */
    public static void requireFree(Path directory) throws IOException {
        OptionalLong pid = holder(directory);
        if (pid.isPresent()) {
            throw inUse(directory, pid.getAsLong());
        }
    }

    /** The refusal a second run gets, naming the folder and the process that holds it. */
    static IllegalStateException inUse(Path directory, long pid) {
        String holder = pid < 0 ? "another process" : pid == ProcessHandle.current().pid()
                ? "this process (" + pid + ")" : "process " + pid;
        return new IllegalStateException("checkpoint: expected a folder no other run is using, got " + directory
                + ", locked by " + holder + " (" + directory.resolve(FILE) + "); wait for that run to end or use "
                + "another folder");
    }

    /** The lock, or null when another process, or another channel of this one, holds it. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock(REGION, 1, false);
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static long readHolder(FileChannel channel) throws IOException {
        ByteBuffer text = ByteBuffer.allocate(24);
        channel.read(text, 0);
        String pid = new String(text.array(), 0, text.position(), StandardCharsets.US_ASCII).trim();
        try {
            return Long.parseLong(pid);
        } catch (NumberFormatException e) {
            return -1;   // the holder is between locking and writing its id
        }
    }

    /** Releases the lock. */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
