package dev.dendrite.data;

import dev.dendrite.tensor.Validate;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Fetches files from a base URL into a folder and keeps them only when their SHA-256 matches the
 * pinned value.
 *
 * <p>For each {@link RemoteFile}: when the folder already holds the file with the right checksum,
 * nothing is fetched. Otherwise the bytes of {@code base + name} go to a temporary file beside the
 * target while their SHA-256 is computed; only a complete transfer (as many bytes as the file's
 * known size, else as {@code Content-Length} announced) whose checksum matches is moved into place,
 * and a transfer is stopped as soon as it goes past that size. A truncated, stalled
 * or corrupt transfer throws and leaves neither the temporary file nor a changed target behind.
 *
 * <p>{@code http:} and {@code https:} bases are fetched with {@link HttpClient} (HTTP/1.1, following
 * redirects); a {@code file:} base copies from a local folder through the same checks, which makes a
 * folder of already-downloaded files usable as a mirror. Timeouts: {@code connectTimeout} for the
 * connection and for the response headers, {@code idleTimeout} for a transfer that stops sending.
 *
 * <p>Immutable; safe to use from several threads as long as they write to different folders.
 */
public final class Downloader {
    /** The default time to connect and to wait for a response. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** The default longest pause in a transfer before it is abandoned. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

    /**
     * One file to fetch: its name under the base URL (letters, digits, {@code .}, {@code _} and
     * {@code -}), its pinned SHA-256 as 64 hex digits, and its size in bytes when known, at which a
     * transfer is stopped: a mirror that sends more (endless data) fails at once instead of filling
     * the disk.
     *
     * @param name the file name, also the name it gets in the target folder
     * @param sha256 the expected checksum, lower-case hex
     * @param size the expected size in bytes, or -1 when unknown (the transfer then stops at the
     *             length the server announces, if any)
     */
    public record RemoteFile(String name, String sha256, long size) {
        /** A file of unknown size. */
        public RemoteFile(String name, String sha256) {
            this(name, sha256, -1);
        }

        /** Checks the name, the checksum's form and the size, and lower-cases the checksum. */
        public RemoteFile {
            Validate.argument(size >= -1, "RemoteFile", "a size >= 0, or -1 for unknown", size);
            Validate.argument(name.matches("[A-Za-z0-9._-]+") && !name.startsWith("."), "RemoteFile",
                    "a plain file name", "'" + name + "'");
            Validate.argument(sha256.matches("[0-9a-fA-F]{64}"), "RemoteFile", "a SHA-256 of 64 hex digits",
                    "'" + sha256 + "'");
            sha256 = sha256.toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * What {@link #fetch} did for one file.
     *
     * @param file the file asked for
     * @param path where it now is
     * @param downloaded true when it was transferred, false when a verified copy was already there
     * @param bytes its size
     */
    public record Result(RemoteFile file, Path path, boolean downloaded, long bytes) {
    }

    private final HttpClient client;
    private final Duration connectTimeout;
    private final Duration idleTimeout;
    private final Consumer<String> log;

    /** A downloader with the default timeouts that reports nothing. */
    public Downloader() {
        this(DEFAULT_CONNECT_TIMEOUT, DEFAULT_IDLE_TIMEOUT, line -> { });
    }

    /**
     * A downloader with the given timeouts that passes one line per step to {@code log}
     * ({@code "train-labels-idx1-ubyte.gz: downloading from https://..."}).
     */
    public Downloader(Duration connectTimeout, Duration idleTimeout, Consumer<String> log) {
        Validate.argument(!connectTimeout.isNegative() && !connectTimeout.isZero(), "Downloader",
                "connectTimeout > 0", connectTimeout);
        Validate.argument(!idleTimeout.isNegative() && !idleTimeout.isZero(), "Downloader", "idleTimeout > 0",
                idleTimeout);
        this.connectTimeout = connectTimeout;
        this.idleTimeout = idleTimeout;
        this.log = log;
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * Makes {@code directory} (created if needed) hold every file of {@code files}, verified, fetching
     * those that are missing or whose checksum differs from {@code base} (a trailing {@code /} is
     * added when missing).
     *
     * @return one result per file, in order
     * @throws DataFormatException when a transfer is cut short or a checksum differs; the message
     *     names the file, and for a checksum both values
     * @throws IOException when the server answers with an error status, cannot be reached, or stalls
     */
    public List<Result> fetch(URI base, List<RemoteFile> files, Path directory) throws IOException {
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(java.util.Locale.ROOT);
        Validate.argument(List.of("http", "https", "file").contains(scheme), "Downloader.fetch",
                "an http, https or file URL", base);
        URI folder = base.toString().endsWith("/") ? base : URI.create(base + "/");
        Files.createDirectories(directory);
        List<Result> results = new ArrayList<>();
        for (RemoteFile file : files) {
            results.add(fetch(folder, file, directory));
        }
        return results;
    }

    private Result fetch(URI folder, RemoteFile file, Path directory) throws IOException {
        Path target = directory.resolve(file.name());
        if (Files.isRegularFile(target)) {
            String present = sha256(target);
            if (present.equals(file.sha256())) {
                log.accept(file.name() + ": already present, sha256 verified");
                return new Result(file, target, false, Files.size(target));
            }
            log.accept(file.name() + ": present but its sha256 differs, fetching again");
        }
        URI source = folder.resolve(file.name());
        log.accept(file.name() + ": downloading from " + source);
        Path partial = Files.createTempFile(directory, "." + file.name() + ".", ".part");
        try {
            long bytes = transfer(source, file, partial);
            move(partial, target);
            log.accept(file.name() + ": " + bytes + " bytes, sha256 verified");
            return new Result(file, target, true, bytes);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** Copies {@code source} into {@code partial}, checking the length and the checksum; returns the size. */
    private long transfer(URI source, RemoteFile file, Path partial) throws IOException {
        MessageDigest digest = newDigest();
        long received = 0;
        OptionalLong expected;
        try (Source in = open(source, file)) {
            expected = file.size() >= 0 ? OptionalLong.of(file.size()) : in.length;
            if (file.size() >= 0 && in.length.isPresent() && in.length.getAsLong() != file.size()) {
                throw new DataFormatException(file.name() + ": expected " + file.size() + " bytes from " + source
                        + ", the mirror announces " + in.length.getAsLong() + "; nothing was fetched. The mirror may "
                        + "serve a different or damaged file");
            }
            IdleWatch watch = new IdleWatch(in.stream, idleTimeout);
            try (OutputStream out = Files.newOutputStream(partial); watch) {
                byte[] buffer = new byte[1 << 16];
                for (int n = in.stream.read(buffer); n >= 0; n = in.stream.read(buffer)) {
                    if (expected.isPresent() && received + n > expected.getAsLong()) {
                        throw new DataFormatException(file.name() + ": expected " + expected.getAsLong()
                                + " bytes from " + source + ", got more; the transfer was stopped there and nothing "
                                + "was kept. The mirror may serve a different or damaged file");
                    }
                    watch.progress();
                    digest.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                    received += n;
                }
            } catch (DataFormatException e) {
                throw e;
            } catch (IOException e) {
                throw cutShort(file, source, received, expected, watch.stalled() ? stall() : e.getMessage(), e);
            }
            if (watch.stalled()) {
                throw cutShort(file, source, received, expected, stall(), null);
            }
        }
        if (expected.isPresent() && expected.getAsLong() != received) {
            throw cutShort(file, source, received, expected, "the connection ended early", null);
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(file.sha256())) {
            throw new DataFormatException(file.name() + ": sha256 mismatch: expected " + file.sha256() + ", got "
                    + actual + " (" + received + " bytes from " + source + "); the file was not kept."
                    + " The mirror may serve a different or damaged file");
        }
        return received;
    }

    /** The error for a transfer that ended early, for the reason {@code why}. */
    private static DataFormatException cutShort(RemoteFile file, URI source, long received, OptionalLong expected,
            String why, IOException cause) {
        String of = expected.isPresent() ? " of " + expected.getAsLong() : "";
        return new DataFormatException(file.name() + ": transfer from " + source + " cut short after " + received + of
                + " bytes (" + why + "); nothing was kept", cause);
    }

    private String stall() {
        return "no data for " + idleTimeout.toMillis() + " ms";
    }

    private Source open(URI source, RemoteFile file) throws IOException {
        if (source.getScheme().equalsIgnoreCase("file")) {
            Path path = Path.of(source);
            if (!Files.isRegularFile(path)) {
                throw new NoSuchFileException(path.toString(), null, "expected a file to copy from the mirror folder,"
                        + " got none");
            }
            return new Source(Files.newInputStream(path), OptionalLong.of(Files.size(path)));
        }
        HttpRequest request = HttpRequest.newBuilder(source).timeout(connectTimeout)
                .header("User-Agent", "dendrite").GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(file.name() + ": download from " + source + " interrupted");
        } catch (IOException e) {
            throw new IOException(file.name() + ": cannot download from " + source + ": " + e
                    + ". Check the network, or give another mirror (a URL or a folder holding the files)", e);
        }
        if (response.statusCode() != 200) {
            response.body().close();
            String hint = response.statusCode() == 404 ? " (not found; check the mirror URL)" : "";
            throw new IOException(file.name() + ": expected HTTP status 200 from " + source + ", got "
                    + response.statusCode() + hint);
        }
        return new Source(response.body(), response.headers().firstValueAsLong("Content-Length"));
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The SHA-256 of a file, lower-case hex. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest = newDigest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    /** An open body and its announced length, if any. */
    private static final class Source implements AutoCloseable {
        final InputStream stream;
        final OptionalLong length;

        Source(InputStream stream, OptionalLong length) {
            this.stream = stream;
            this.length = length;
        }

        @Override
        public void close() throws IOException {
            stream.close();
        }
    }
}
