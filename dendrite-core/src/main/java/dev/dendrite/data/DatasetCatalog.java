package dev.dendrite.data;

import dev.dendrite.data.Downloader.RemoteFile;
import dev.dendrite.tensor.Validate;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every data set Dendrite knows by name, as {@code dendrite data list} shows them: the sets bundled
 * in the jar ({@link Bundled}), the generated ones (seeded formulas), and the ones to download,
 * with the mirror they come from by default and the SHA-256 of each file.
 *
 * <p>The checksums are those of the original distributions (their MD5s equal the published ones);
 * a mirror must serve byte-identical files. Immutable and thread-safe.
 */
public final class DatasetCatalog {
    /** Where a data set comes from. */
    public enum Kind {
        /** Shipped inside the jar; see {@link Bundled}. */
        BUNDLED,
        /** Computed from a formula and a seed. */
        GENERATED,
        /** Fetched once with {@code dendrite data fetch NAME}, then read from the cache folder. */
        DOWNLOADABLE
    }

    /**
     * One data set.
     *
     * @param name what commands call it ({@code digits}, {@code mnist})
     * @param kind where it comes from
     * @param description one line: rows, features, classes, and the size of a download
     * @param defaultMirror the base URL of the files, for a downloadable set; null otherwise
     * @param files the files and their SHA-256, for a downloadable set; empty otherwise
     */
    public record Entry(String name, Kind kind, String description, URI defaultMirror, List<RemoteFile> files) {
        /** Copies the file list. */
        public Entry {
            files = List.copyOf(files);
        }
    }

    private static final List<Entry> ENTRIES = List.of(
            local("digits", Kind.BUNDLED, "1797 handwritten digits, 8x8 pixels valued 0-16 (64 features), 10 classes;"
                    + " UCI optical digits via scikit-learn"),
            local("iris", Kind.BUNDLED, "150 iris flowers, 4 measurements in cm, 3 classes (setosa, versicolor,"
                    + " virginica); Fisher 1936 via scikit-learn"),
            local("spiral", Kind.GENERATED, "points on interleaved spiral arms in the plane (2 features), one class"
                    + " per arm; CS231n"),
            local("xor", Kind.GENERATED, "noisy points around the four corners of the XOR problem (2 features),"
                    + " 2 classes"),
            local("moons", Kind.GENERATED, "two interleaving half circles (2 features), 2 classes; scikit-learn's"
                    + " make_moons"),
            local("sine", Kind.GENERATED, "y = sin(x) + noise for x in [-pi, pi] (1 feature), regression"),
            new Entry("mnist", Kind.DOWNLOADABLE, "70000 handwritten digits (60000 train + 10000 test), 28x28"
                    + " grey pixels, 10 classes; LeCun & Cortes, CC BY-SA 3.0; 11.6 MB",
                    URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"), List.of(
                    new RemoteFile("train-images-idx3-ubyte.gz",
                            "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609", 9912422),
                    new RemoteFile("train-labels-idx1-ubyte.gz",
                            "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c", 28881),
                    new RemoteFile("t10k-images-idx3-ubyte.gz",
                            "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6", 1648877),
                    new RemoteFile("t10k-labels-idx1-ubyte.gz",
                            "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6", 4542))),
            new Entry("fashion-mnist", Kind.DOWNLOADABLE, "70000 clothing images (60000 train + 10000 test), 28x28"
                    + " grey pixels, 10 classes; Zalando Research, MIT; 30.9 MB",
                    URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"), List.of(
                    new RemoteFile("train-images-idx3-ubyte.gz",
                            "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84", 26421880),
                    new RemoteFile("train-labels-idx1-ubyte.gz",
                            "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845", 29515),
                    new RemoteFile("t10k-images-idx3-ubyte.gz",
                            "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073", 4422102),
                    new RemoteFile("t10k-labels-idx1-ubyte.gz",
                            "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5", 5148))));

    private DatasetCatalog() {
    }

    private static Entry local(String name, Kind kind, String description) {
        return new Entry(name, kind, description, null, List.of());
    }

    /** All entries: bundled, then generated, then downloadable. */
    public static List<Entry> entries() {
        return ENTRIES;
    }

    /** The entry called {@code name}, if any. */
    public static Optional<Entry> find(String name) {
        return ENTRIES.stream().filter(entry -> entry.name().equals(name)).findFirst();
    }

    /** The names of the entries of one kind, in catalogue order. */
    public static List<String> names(Kind kind) {
        List<String> names = new ArrayList<>();
        for (Entry entry : ENTRIES) {
            if (entry.kind() == kind) {
                names.add(entry.name());
            }
        }
        return names;
    }

    /**
     * The downloadable entry called {@code name}.
     *
     * @throws IllegalArgumentException naming the downloadable sets when there is none such
     */
    public static Entry downloadable(String name) {
        Optional<Entry> entry = find(name).filter(found -> found.kind() == Kind.DOWNLOADABLE);
        Validate.argument(entry.isPresent(), "DatasetCatalog.downloadable", "a downloadable data set, one of "
                + names(Kind.DOWNLOADABLE), "'" + name + "'" + find(name).map(e -> " (" + e.kind().name()
                .toLowerCase(java.util.Locale.ROOT) + ", nothing to download)").orElse(""));
        return entry.get();
    }
}
