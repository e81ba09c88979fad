package dev.dendrite.data;

import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The MNIST handwritten digits (LeCun, Cortes and Burges): 60000 training and 10000 test images
 * of 28x28 grey pixels, ten classes "0" to "9".
 *
 * <p>{@link #load} reads the four IDX files of the original distribution from a folder, gzipped
 * ({@code train-images-idx3-ubyte.gz}) or not ({@code train-images-idx3-ubyte}); the test files
 * start with {@code t10k}. Pixels become floats {@code p / 255} in {@code [0, 1]}, each image a row
 * of {@code rows * columns} values (784 for MNIST). Fashion-MNIST has the same layout; see
 * {@link FashionMnist}. Stateless.
 */
public final class Mnist {
    /** The digit class names "0" to "9". */
    public static final List<String> CLASS_NAMES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    private static final String MARKER = "train-images-idx3-ubyte";

    private Mnist() {
    }

    /**
     * The training set ({@code train = true}, {@code train-*} files) or the test set ({@code t10k-*})
     * from {@code directory}, named {@code mnist-train} or {@code mnist-test}: features
     * {@code [N, 784]} in {@code [0, 1]}, targets {@code [N]}, image shape {@code [1, 28, 28]}
     * ({@link Dataset#viewAs} gives a convolutional model its {@code [N, 1, 28, 28]}).
     *
     * @throws NoSuchFileException when a file is missing in both forms
     * @throws DataFormatException when a file is malformed, a label is out of range, or the image and
     *     label counts differ
     */
    public static Dataset load(Path directory, boolean train) throws IOException {
        return load(directory, train, "mnist", CLASS_NAMES);
    }

    /**
     * Loads an MNIST-format set with other class names (Fashion-MNIST's, say); the dataset is named
     * {@code name + "-train"} or {@code name + "-test"}, and labels must lie in
     * {@code [0, classNames.size())}.
     */
    public static Dataset load(Path directory, boolean train, String name, List<String> classNames)
            throws IOException {
        String prefix = train ? "train" : "t10k";
        Path imageFile = locate(directory, prefix + "-images-idx3-ubyte");
        Path labelFile = locate(directory, prefix + "-labels-idx1-ubyte");
        int[] declared = Idx.declaredImageDims(imageFile);
        long pixels = (long) declared[0] * declared[1] * declared[2];
        // the bytes and their float32 features are alive at once
        DataTooLargeException.check(pixels * (1 + Float.BYTES), imageFile + ": its header declares "
                + java.util.Arrays.toString(declared) + " = " + DataTooLargeException.megabytes(pixels) + " of pixels");
        IdxData images = Idx.readImages(imageFile);
        IdxData labels = Idx.readLabels(labelFile);
        if (images.count() != labels.count()) {
            throw new DataFormatException(imageFile + " and " + labelFile + ": expected as many labels as images, got "
                    + images.count() + " images and " + labels.count() + " labels");
        }
        float[] targets = new float[labels.count()];
        for (int i = 0; i < targets.length; i++) {
            int label = labels.unsigned(i);
            if (label >= classNames.size()) {
                throw new DataFormatException(labelFile + ": expected labels in [0, " + (classNames.size() - 1)
                        + "], got " + label + " at byte " + (8 + i));
            }
            targets[i] = label;
        }
        Tensor features = Tensor.wrap(scaledPixels(images.data()), images.count(), images.itemSize());
        int[] dims = images.dims();
        int[] imageShape = dims.length == 3 ? new int[] {1, dims[1], dims[2]} : null;
        return new Dataset(name + (train ? "-train" : "-test"), features, Tensor.wrap(targets, targets.length),
                classNames.size(), classNames, imageShape);
    }

    /**
     * The MNIST folder found without configuration, if any: {@code $DENDRITE_DATA/mnist} first, then
     * {@code shared/data/mnist} in the working directory or one of its parents (so
     * {@code ../shared/data/mnist} beside a checkout is found from the checkout and its modules).
     * A folder counts when it holds {@code train-images-idx3-ubyte} or its {@code .gz}.
     */
    public static Optional<Path> defaultDirectory() {
        return DataDirectory.find(searchedDirectories(), MARKER);
    }

    /** The folders {@link #defaultDirectory()} looks in, in order, for messages when none is found. */
    public static List<Path> searchedDirectories() {
        return DataDirectory.candidates("mnist");
    }

    /** {@code base.gz} when present, else {@code base}; a missing file names both forms. */
    static Path locate(Path directory, String base) throws NoSuchFileException {
        Path gzipped = directory.resolve(base + ".gz");
        if (Files.isRegularFile(gzipped)) {
            return gzipped;
        }
        Path raw = directory.resolve(base);
        if (Files.isRegularFile(raw)) {
            return raw;
        }
        throw new NoSuchFileException(gzipped.toString(), null,
                "expected " + base + ".gz or " + base + " in " + directory + ", found neither");
    }

    // A table, because dividing 47 million pixels one by one is the slow part of loading.
    private static float[] scaledPixels(byte[] pixels) {
        float[] scale = new float[256];
        for (int value = 0; value < 256; value++) {
            scale[value] = value / 255f;
        }
        float[] out = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            out[i] = scale[pixels[i] & 0xFF];
        }
        return out;
    }
}
