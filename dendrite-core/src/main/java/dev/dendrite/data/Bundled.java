package dev.dendrite.data;

import dev.dendrite.tensor.Validate;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The small real data sets that ship inside the jar, so examples run without a download:
 * <ul>
 *   <li>{@code digits}: 1797 handwritten digits as 8x8 images of pixel counts 0 to 16, features
 *       {@code [1797, 64]}, image shape {@code [1, 8, 8]}, classes "0" to "9" (the UCI optical digits
 *       test set);</li>
 *   <li>{@code iris}: Fisher's 150 iris flowers, features {@code [150, 4]} (sepal length and width,
 *       petal length and width, in cm), classes setosa, versicolor and virginica.</li>
 * </ul>
 * Both come from scikit-learn (BSD-3-Clause); the resource {@code ATTRIBUTION.txt} beside the CSV
 * files gives their source and licences. Features are the raw values, not rescaled: fit a
 * {@link Normalizer} on the training split. Rows are in the files' order (grouped by class for
 * iris), so shuffle or split before training. Stateless; each call reads a fresh copy.
 */
public final class Bundled {
    /** Iris's class names, in label order. */
    public static final List<String> IRIS_CLASSES = List.of("setosa", "versicolor", "virginica");

    private static final List<String> NAMES = List.of("digits", "iris");

    private Bundled() {
    }

    /** The names {@link #load} accepts: {@code digits} and {@code iris}. */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * The bundled set called {@code name}, read with {@link Csv} from the jar.
     *
     * @throws IllegalArgumentException for a name not in {@link #names()}
     */
    public static Dataset load(String name) {
        Validate.argument(NAMES.contains(name), "Bundled.load", "one of " + NAMES, "'" + name + "'");
        List<String> classNames = name.equals("iris") ? IRIS_CLASSES : Mnist.CLASS_NAMES;
        String resource = name + ".csv";
        try (InputStream in = Bundled.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(Validate.message("Bundled.load",
                        "resource dev/dendrite/data/" + resource + " in the jar", "nothing"));
            }
            Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
            Dataset dataset = Csv.read(reader, resource, CsvOptions.defaults().name(name).classNames(classNames));
            return name.equals("digits") ? dataset.withImageShape(1, 8, 8) : dataset;
        } catch (IOException e) {
            // The file is part of the build: failing to read it is a broken jar, not bad user input.
            throw new UncheckedIOException("Bundled.load: cannot read " + resource + " from the jar", e);
        }
    }
}
