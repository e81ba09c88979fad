package dev.dendrite.train;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The child process of {@link CheckpointLockChildTest}: {@code hold DIR} trains the small run with
 * checkpoints in {@code DIR}, prints {@code training} after the second epoch (the first is saved),
 * waits for a line on standard input before it goes on, and prints {@code done} at the end; {@code fresh DIR}
 * starts a new run on {@code DIR} and {@code resume DIR} resumes the run saved there, each printing
 * {@code done}, or {@code refused <message>} and exiting with 3 when the trainer refuses the folder.
 */
public final class CheckpointLockChild {
    private CheckpointLockChild() {
    }

    /** {@code CheckpointLockChild hold|fresh|resume DIR}. */
    public static void main(String[] args) throws IOException {
        Path directory = Path.of(args[1]);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Callback pause = new Callback() {
            @Override
            public void onEpochEnd(Trainer trainer, EpochRecord record) {
                if (args[0].equals("hold") && record.epoch() == 2) {
                    System.out.println("training");
                    System.out.flush();
                    try {
                        in.readLine();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        };
        CheckpointRun run = new CheckpointRun("adam", 8, 3, 1, CheckpointPolicy.in(directory), pause);
        try {
            if (args[0].equals("resume")) {
                run.trainer.resume(CheckpointRun.data(), directory);
            } else {
                run.trainer.fit(CheckpointRun.data());
            }
        } catch (IllegalStateException e) {
            System.out.println("refused " + e.getMessage());
            System.exit(3);
        }
        System.out.println("done");
    }
}
