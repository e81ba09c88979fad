package dev.dendrite.train;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The child process of {@link CheckpointKillTest}: trains the spiral run with a Dropout layer,
 * saving a checkpoint after every batch into {@code args[0]} (resuming from it when it holds
 * any), and prints each save's stages ({@code begin}, {@code written}, {@code renamed} and the
 * file name) so that the parent can kill it at a chosen moment. Between writing and renaming it
 * sleeps {@code args[2]} milliseconds, to widen that window. On completion it writes the weights and
 * the history's metrics to {@code args[1]} and prints {@code done}.
 */
public final class CheckpointChild {
    static final int EPOCHS = 16;

    private CheckpointChild() {
    }

    /** {@code CheckpointChild CHECKPOINT_DIR RESULT_FILE PAUSE_MILLIS}. */
    public static void main(String[] args) throws IOException {
        Path directory = Path.of(args[0]);
        long pause = Long.parseLong(args[2]);
        PrintStream out = System.out;
        CheckpointFile.listener = (stage, target) -> {
            out.println(stage + " " + target.getFileName());
            out.flush();
            if (stage.equals("written")) {
                sleep(pause);
            }
        };
        CheckpointRun run = new CheckpointRun("dropout", 64, EPOCHS, 1,
                CheckpointPolicy.in(directory).everyBatches(1).keep(2));
        boolean resume = !CheckpointDirectory.list(directory).isEmpty();
        History history = resume ? run.trainer.resume(CheckpointRun.data(), directory)
                : run.trainer.fit(CheckpointRun.data());
        write(Path.of(args[1]), CheckpointRun.weights(run.model), history);
        out.println("done");
    }

    private static void write(Path file, List<float[]> weights, History history) throws IOException {
        try (DataOutputStream data = new DataOutputStream(Files.newOutputStream(file))) {
            data.writeInt(weights.size());
            for (float[] values : weights) {
                data.writeInt(values.length);
                for (float value : values) {
                    data.writeFloat(value);
                }
            }
            data.writeInt(history.size());
            for (EpochRecord record : history.epochs()) {
                data.writeUTF(record.metrics().toString());
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
