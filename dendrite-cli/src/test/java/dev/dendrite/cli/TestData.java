package dev.dendrite.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/** Small CSV files and IDX image sets for the command-line tests. */
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

    /**
     * Writes a tiny MNIST-style folder (uncompressed IDX files): {@code train} training and
     * {@code test} test images of 28×28, image i of label {@code i % 10}, a 6×6 bright square whose
     * place depends on the label, over faint noise, so a small model can learn the labels.
     */
    static Path tinyMnist(Path folder, int train, int test) throws IOException {
        Files.createDirectories(folder);
        Random random = new Random(3);
        for (String prefix : new String[] {"train", "t10k"}) {
            int count = prefix.equals("train") ? train : test;
            java.nio.ByteBuffer images = java.nio.ByteBuffer.allocate(16 + count * 784);
            images.putInt(0x00000803).putInt(count).putInt(28).putInt(28);
            java.nio.ByteBuffer labels = java.nio.ByteBuffer.allocate(8 + count);
            labels.putInt(0x00000801).putInt(count);
            for (int i = 0; i < count; i++) {
                int label = i % 10;
                int top = 2 + 10 * (label / 4);
                int left = 2 + 6 * (label % 4);
                for (int y = 0; y < 28; y++) {
                    for (int x = 0; x < 28; x++) {
                        boolean square = y >= top && y < top + 6 && x >= left && x < left + 6;
                        images.put((byte) (square ? 200 + random.nextInt(56) : random.nextInt(30)));
                    }
                }
                labels.put((byte) label);
            }
            Files.write(folder.resolve(prefix + "-images-idx3-ubyte"), images.array());
            Files.write(folder.resolve(prefix + "-labels-idx1-ubyte"), labels.array());
        }
        return folder;
    }
}
