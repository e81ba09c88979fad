package dev.dendrite.train;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows training progress. On a terminal it redraws one line per epoch with a bar, the running
 * loss and accuracy and the samples per second, and ends it with the epoch's figures in place of
 * the running ones, so no number is printed twice. When output goes to a file or pipe it prints a
 * plain line for an epoch still running only every few seconds (none for a short epoch), then
 * one line per finished epoch, so logs stay readable.
 *
 * <p>Not thread-safe; one instance per run.
 */
public final class ProgressBar {
    private static final int WIDTH = 30;
    private static final long PLAIN_INTERVAL_NANOS = 5_000_000_000L;

    private final PrintWriter out;
    private final boolean terminal;
    private long lastPrint;
    private int drawnLength;
    private String drawnPosition = "";

    /** Progress written to {@code out}; {@code terminal} chooses the redrawn bar over plain lines. */
    public ProgressBar(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** Progress on standard output, as a bar when a console is attached. */
    public static ProgressBar forStandardOutput() {
        return new ProgressBar(new PrintWriter(System.out, true), System.console() != null);
    }

    /** Reports the state after {@code done} of {@code total} samples of {@code epoch}. */
    public void update(int epoch, int epochs, long done, long total, double loss, double accuracy,
                       double samplesPerSecond) {
        long now = System.nanoTime();
        boolean finished = done >= total;
        if (!terminal && lastPrint == 0) {
            // The run's first report starts the clock: a plain partial line only for a slow epoch.
            lastPrint = now;
        }
        if (!terminal && !finished && now - lastPrint < PLAIN_INTERVAL_NANOS) {
            return;
        }
        if (terminal && !finished && now - lastPrint < 100_000_000L) {
            return;
        }
        lastPrint = now;
        String stats = stats(loss, accuracy, samplesPerSecond);
        if (terminal) {
            int filled = (int) (WIDTH * done / Math.max(1, total));
            String bar = "=".repeat(filled) + (filled < WIDTH ? ">" : "") + " ".repeat(Math.max(0, WIDTH - filled - 1));
            drawnPosition = String.format(Locale.ROOT, "[%s] %d/%d", bar, done, total);
            redraw(String.format(Locale.ROOT, "epoch %d/%d %s %s", epoch, epochs, drawnPosition, stats));
        } else if (!finished) {
            out.println(String.format(Locale.ROOT, "epoch %d/%d %d/%d %s", epoch, epochs, done, total, stats));
            out.flush();
        }
    }

    /** Ends the epoch's line with its summary, such as validation figures. */
    public void endEpoch(int epoch, int epochs, String summary) {
        if (terminal) {
            // The epoch's figures replace the running ones on the same line.
            redraw(String.format(Locale.ROOT, "epoch %d/%d ", epoch, epochs)
                    + (drawnPosition.isEmpty() ? "" : drawnPosition + " ") + summary);
            out.println();
            out.flush();
            drawnLength = 0;
        } else {
            out.println(String.format(Locale.ROOT, "epoch %d/%d %s", epoch, epochs, summary));
            out.flush();
        }
        // A redrawn bar starts the next epoch at once; plain lines wait out the interval again.
        lastPrint = terminal ? 0 : System.nanoTime();
    }

    /** Draws {@code line} over the bar, blanking what is left of a longer earlier one. */
    private void redraw(String line) {
        out.print("\r" + line + " ".repeat(Math.max(0, drawnLength - line.length())));
        out.flush();
        drawnLength = line.length();
    }

    /** Prints a line of its own, such as why training stopped. */
    public void message(String line) {
        out.println(line);
        out.flush();
    }

    private static String stats(double loss, double accuracy, double samplesPerSecond) {
        String text = String.format(Locale.ROOT, "loss=%.4f", loss);
        if (!Double.isNaN(accuracy)) {
            text += String.format(Locale.ROOT, " acc=%.4f", accuracy);
        }
        return text + String.format(Locale.ROOT, " %.0f samples/s", samplesPerSecond);
    }
}
