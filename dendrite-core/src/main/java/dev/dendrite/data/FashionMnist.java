package dev.dendrite.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Fashion-MNIST (Zalando Research): 28x28 grey images of clothing in the same IDX files and sizes
 * as {@link Mnist} (60000 training, 10000 test), with ten named classes. Stateless.
 */
public final class FashionMnist {
    /** The class names, index i naming label i, as the data set's authors list them. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private FashionMnist() {
    }

    /**
     * The training or test set from {@code directory}, named {@code fashion-mnist-train} or
     * {@code fashion-mnist-test}: features {@code [N, 784]} in {@code [0, 1]}, targets {@code [N]}.
     * Errors as for {@link Mnist#load(Path, boolean)}.
     */
    public static Dataset load(Path directory, boolean train) throws IOException {
        return Mnist.load(directory, train, "fashion-mnist", CLASS_NAMES);
    }

    /** As {@link Mnist#defaultDirectory()}, for the subfolder {@code fashion-mnist}. */
    public static Optional<Path> defaultDirectory() {
        return DataDirectory.find(searchedDirectories(), "train-images-idx3-ubyte");
    }

    /** The folders {@link #defaultDirectory()} looks in, in order. */
    public static List<Path> searchedDirectories() {
        return DataDirectory.candidates("fashion-mnist");
    }
}
