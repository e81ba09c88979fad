package dev.dendrite.data;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Closes a stream that has made no progress for a while. {@link java.net.http.HttpClient} has no
 * read timeout for a response body, and a blocked read only returns when the stream is closed from
 * another thread; this watch is that thread. Thread-safe: {@link #progress()} is called by the
 * reader, the check runs on a daemon timer thread.
 */
final class IdleWatch implements AutoCloseable {
    private final ScheduledExecutorService timer;
    private volatile long lastProgress = System.nanoTime();
    private volatile boolean stalled;

    /** Starts watching {@code stream}; it is closed once {@code idle} passes without {@link #progress()}. */
    IdleWatch(Closeable stream, Duration idle) {
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "dendrite-download-idle-watch");
            thread.setDaemon(true);
            return thread;
        });
        long idleNanos = idle.toNanos();
        long period = Math.max(10, Math.min(1000, idle.toMillis() / 4));
        timer.scheduleAtFixedRate(() -> {
            if (System.nanoTime() - lastProgress > idleNanos) {
                stalled = true;
                timer.shutdown();
                try {
                    stream.close();
                } catch (IOException e) {
                    // The reader sees the stream fail either way; nothing more to do here.
                }
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    /** Records that bytes arrived. */
    void progress() {
        lastProgress = System.nanoTime();
    }

    /** Whether the watch closed the stream. */
    boolean stalled() {
        return stalled;
    }

    /** Stops watching; the stream is left as it is. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
