package dev.dendrite.cli;

import dev.dendrite.data.DatasetCatalog;
import dev.dendrite.data.DatasetCatalog.Entry;
import dev.dendrite.data.DatasetCatalog.Kind;
import dev.dendrite.data.Downloader;
import dev.dendrite.data.Downloader.Result;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code dendrite data}: lists the data sets Dendrite knows ({@code list}) and downloads the large
 * ones into a cache folder, verifying each file's SHA-256 ({@code fetch NAME}).
 */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "List the known data sets and download the large ones.",
        subcommands = {DataCommand.ListCommand.class, DataCommand.FetchCommand.class},
        footer = {"", "Examples:", "  dendrite data list", "  dendrite data fetch mnist",
            "  dendrite data fetch fashion-mnist --mirror https://example.org/fashion/ --dir data"})
public final class DataCommand implements Runnable {
    /** The environment variable naming the data folder, shared with the data loaders. */
    static final String ENVIRONMENT_VARIABLE = "DENDRITE_DATA";

    @Spec
    CommandSpec spec;

    /** Without a subcommand there is nothing to do: a usage error naming the choices. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "expected a subcommand (" + String.join(", ", spec.subcommands().keySet()) + "), got nothing");
    }

    /**
     * The folder data sets are fetched into when {@code --dir} is not given: {@code $DENDRITE_DATA}
     * when set, else {@code ~/.cache/dendrite}.
     */
    static Path defaultDirectory(String environmentValue, String userHome) {
        if (environmentValue != null && !environmentValue.isBlank()) {
            return Path.of(environmentValue);
        }
        return Path.of(userHome, ".cache", "dendrite");
    }

    static Path defaultDirectory() {
        return defaultDirectory(System.getenv(ENVIRONMENT_VARIABLE), System.getProperty("user.home"));
    }

    /** {@code dendrite data list}: every data set by kind, with a one-line description. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the bundled, generated and downloadable data sets.",
            footer = {"", "Example:", "  dendrite data list"})
    static final class ListCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Path cache = defaultDirectory();
            section(out, "Bundled (inside the jar, no download):", Kind.BUNDLED, cache);
            section(out, "Generated (from a formula and --seed):", Kind.GENERATED, cache);
            section(out, "Downloadable (dendrite data fetch NAME, into " + cache + "):", Kind.DOWNLOADABLE, cache);
            return 0;
        }

        private static void section(PrintWriter out, String title, Kind kind, Path cache) {
            out.println(title);
            for (Entry entry : DatasetCatalog.entries()) {
                if (entry.kind() == kind) {
                    String fetched = kind == Kind.DOWNLOADABLE && present(entry, cache) ? " [fetched]" : "";
                    out.printf("  %-14s %s%s%n", entry.name(), entry.description(), fetched);
                }
            }
        }

        private static boolean present(Entry entry, Path cache) {
            return entry.files().stream().allMatch(file -> Files.isRegularFile(
                    cache.resolve(entry.name()).resolve(file.name())));
        }
    }

    /** {@code dendrite data fetch NAME}: downloads and verifies a data set's files. */
    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = "Download a data set into DIR/NAME, keeping only files whose SHA-256 matches.",
            footer = {"", "Examples:", "  dendrite data fetch mnist",
                "  dendrite data fetch mnist --mirror ../shared/data/mnist --dir data"})
    static final class FetchCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "The data set: mnist or fashion-mnist.")
        String name;

        @Option(names = "--mirror", paramLabel = "URL",
                description = "Fetch from this base URL (or local folder) instead of the default mirror.")
        String mirror;

        @Option(names = "--dir", paramLabel = "DIR",
                description = "The data folder; files go to DIR/NAME."
                        + " Default: $DENDRITE_DATA, else ~/.cache/dendrite.")
        Path directory;

        @Override
        public Integer call() throws IOException {
            Entry entry = DatasetCatalog.find(name).orElse(null);
            if (entry == null || entry.kind() != Kind.DOWNLOADABLE) {
                String kind = entry == null ? "" : " (" + entry.kind().name().toLowerCase(java.util.Locale.ROOT)
                        + ", nothing to download)";
                throw new ParameterException(spec.commandLine(), "expected a downloadable data set, one of "
                        + DatasetCatalog.names(Kind.DOWNLOADABLE) + ", got '" + name + "'" + kind);
            }
            URI base = mirror == null ? entry.defaultMirror() : mirrorUri(mirror);
            Path folder = (directory == null ? defaultDirectory() : directory).resolve(entry.name());
            PrintWriter out = spec.commandLine().getOut();
            Downloader downloader = new Downloader(Downloader.DEFAULT_CONNECT_TIMEOUT, Downloader.DEFAULT_IDLE_TIMEOUT,
                    line -> {
                        out.println(line);
                        out.flush();
                    });
            List<Result> results = downloader.fetch(base, entry.files(), folder);
            long fetched = results.stream().filter(Result::downloaded).count();
            out.println(entry.name() + ": " + results.size() + " files verified in " + folder + " (" + fetched
                    + " downloaded)");
            out.println("use it with: --data " + entry.name() + ":" + folder
                    + (directory == null ? "  (or --data " + entry.name() + ", which finds this copy)" : ""));
            return 0;
        }

        /** A URL as given, or a local folder turned into a {@code file:} URL. */
        private URI mirrorUri(String text) {
            if (text.matches("[A-Za-z][A-Za-z0-9+.-]*:.*") && !text.matches("[A-Za-z]:\\\\.*")) {
                URI uri;
                try {
                    uri = URI.create(text);
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), "--mirror: expected a URL, got '" + text + "'");
                }
                if (!List.of("http", "https", "file").contains(uri.getScheme().toLowerCase(java.util.Locale.ROOT))) {
                    throw new ParameterException(spec.commandLine(),
                            "--mirror: expected an http, https or file URL or a folder, got '" + text + "'");
                }
                return uri;
            }
            return Path.of(text).toAbsolutePath().toUri();
        }
    }
}
