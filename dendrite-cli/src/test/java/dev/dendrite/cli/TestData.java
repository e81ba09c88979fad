package dev.dendrite.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/** Small CSV files for the command-line tests. */
final class TestData {
    private TestData() {
    }

    /**
     * Writes 60 rows of two well-separated Gaussian blobs in two features {@code x1, x2}, labelled
     * {@code cat} (around (0, 0)) and {@code dog} (around (3, -2)), alternating; the label column is
     * called {@code labelName} and comes last or first.
     */
    static Path twoBlobs(Path file, String labelName, boolean labelLast) throws IOException {
        Random random = new Random(1);
        StringBuilder csv = new StringBuilder(labelLast ? "x1,x2," + labelName : labelName + ",x1,x2").append('\n');
        for (int i = 0; i < 60; i++) {
            int c = i % 2;
            String features = String.format(Locale.ROOT, "%.3f,%.3f", 3 * c + 0.5 * random.nextGaussian(),
                    -2 * c + 0.5 * random.nextGaussian());
            String label = c == 0 ? "cat" : "dog";
            csv.append(labelLast ? features + "," + label : label + "," + features).append('\n');
        }
        return Files.writeString(file, csv);
    }
}
