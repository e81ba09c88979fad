package dev.dendrite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.dendrite.data.Downloader.RemoteFile;
import dev.dendrite.data.Downloader.Result;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the downloader against an HTTP server on 127.0.0.1 that misbehaves on purpose; no network. */
class DownloaderTest {
    private static final Path SHARED_MNIST = Mnist.defaultDirectory().orElse(Path.of("missing"));

    @TempDir
    Path directory;

    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<String> log = new ArrayList<>();
    private ExecutorService executor;
    private HttpServer server;
    private Downloader downloader;

    @BeforeEach
    void startServer() throws IOException {
        files.put("one.bin", randomBytes(1, 100_000));
        files.put("two.bin", randomBytes(2, 1234));
        executor = Executors.newCachedThreadPool();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/good/", exchange -> serve(exchange, "good"));
        server.createContext("/short/", exchange -> serve(exchange, "short"));
        server.createContext("/wrong/", exchange -> serve(exchange, "wrong"));
        server.createContext("/stall/", exchange -> serve(exchange, "stall"));
        server.createContext("/endless/", exchange -> serveEndless(exchange, 0));
        server.createContext("/announced/", exchange -> serveEndless(exchange, 64L << 20));
        server.createContext("/mnist/", exchange -> serveFile(exchange, SHARED_MNIST));
        server.start();
        downloader = new Downloader(Duration.ofSeconds(10), Duration.ofSeconds(10), log::add);
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }

    private void serve(HttpExchange exchange, String mode) throws IOException {
        String name = exchange.getRequestURI().getPath().replaceFirst("^/[^/]+/", "");
        requests.computeIfAbsent(name, key -> new AtomicInteger()).incrementAndGet();
        byte[] body = files.get(name);
        if (body == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        if (mode.equals("wrong")) {
            body = body.clone();
            body[body.length / 2] ^= 1;
        }
        exchange.sendResponseHeaders(200, body.length);
        OutputStream out = exchange.getResponseBody();
        switch (mode) {
            case "short":
                out.write(body, 0, body.length / 2);
                out.flush();
                break;
            case "stall":
                out.write(body, 0, 1000);
                out.flush();
                awaitRelease();
                break;
            default:
                out.write(body);
        }
        // Closing with fewer bytes than announced drops the connection, as a failing server would.
        exchange.close();
    }

    /**
     * Sends the file's bytes and then zeros without end (chunked, or announcing {@code announced}
     * bytes), as a broken or hostile mirror might; counts what it managed to send.
     */
    private void serveEndless(HttpExchange exchange, long announced) throws IOException {
        String name = exchange.getRequestURI().getPath().replaceFirst("^/[^/]+/", "");
        exchange.sendResponseHeaders(200, announced);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(files.get(name));
            byte[] zeros = new byte[1 << 16];
            for (long sent = 0; sent < (256L << 20); sent += zeros.length) {
                out.write(zeros);
                endlessSent.addAndGet(zeros.length);
            }
        } catch (IOException e) {
            // the client hung up, as it should
        }
    }

    private final java.util.concurrent.atomic.AtomicLong endlessSent = new java.util.concurrent.atomic.AtomicLong();

    private void awaitRelease() {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void serveFile(HttpExchange exchange, Path folder) throws IOException {
        Path file = folder.resolve(Path.of(exchange.getRequestURI().getPath()).getFileName().toString());
        exchange.sendResponseHeaders(200, Files.size(file));
        try (OutputStream out = exchange.getResponseBody()) {
            Files.copy(file, out);
        }
    }

    private static byte[] randomBytes(long seed, int length) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private URI base(String mode) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + mode);
    }

    private List<RemoteFile> remoteFiles() throws Exception {
        return List.of(new RemoteFile("one.bin", sha256(files.get("one.bin"))),
                new RemoteFile("two.bin", sha256(files.get("two.bin"))));
    }

    private List<String> folderContents() throws IOException {
        try (Stream<Path> listing = Files.list(directory)) {
            return listing.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aCorrectServerDeliversVerifiedFilesAndASecondFetchIsANoOp() throws Exception {
        Path target = directory.resolve("cache");
        List<Result> first = downloader.fetch(base("good"), remoteFiles(), target);
        assertTrue(first.get(0).downloaded() && first.get(1).downloaded());
        assertArrayEquals(files.get("one.bin"), Files.readAllBytes(target.resolve("one.bin")));
        assertArrayEquals(files.get("two.bin"), Files.readAllBytes(target.resolve("two.bin")));
        assertEquals(100_000, first.get(0).bytes());
        try (Stream<Path> listing = Files.list(target)) {
            assertEquals(2, listing.count(), "no temporary files left");
        }

        List<Result> second = downloader.fetch(URI.create(base("good") + "/"), remoteFiles(), target);
        assertFalse(second.get(0).downloaded() || second.get(1).downloaded());
        assertEquals(1, requests.get("one.bin").get(), "the second fetch made no request");
        assertTrue(log.contains("one.bin: already present, sha256 verified"), log.toString());
    }

    @Test
    void aDamagedCopyInTheFolderIsReplaced() throws Exception {
        Files.write(directory.resolve("two.bin"), new byte[] {1, 2, 3});
        Result result = downloader.fetch(base("good"), remoteFiles().subList(1, 2), directory).get(0);
        assertTrue(result.downloaded());
        assertArrayEquals(files.get("two.bin"), Files.readAllBytes(directory.resolve("two.bin")));
    }

    @Test
    void aTransferCutShortIsRefusedAndNothingIsKept() throws Exception {
        DataFormatException error = assertThrows(DataFormatException.class,
                () -> downloader.fetch(base("short"), remoteFiles(), directory));
        assertTrue(error.getMessage().startsWith("one.bin: transfer from " + base("short") + "/one.bin cut short"),
                error.getMessage());
        assertTrue(error.getMessage().contains("of 100000 bytes"), error.getMessage());
        assertEquals(List.of(), folderContents());
    }

    @Test
    void wrongBytesAreRefusedNamingTheFileAndBothChecksums() throws Exception {
        String pinned = sha256(files.get("one.bin"));
        byte[] damaged = files.get("one.bin").clone();
        damaged[damaged.length / 2] ^= 1;
        DataFormatException error = assertThrows(DataFormatException.class,
                () -> downloader.fetch(base("wrong"), remoteFiles(), directory));
        assertTrue(error.getMessage().startsWith("one.bin: sha256 mismatch: expected " + pinned + ", got "
                + sha256(damaged)), error.getMessage());
        assertEquals(List.of(), folderContents());
    }

    @Test
    void aMirrorSendingEndlessDataIsStoppedAtTheKnownSize() throws Exception {
        byte[] one = files.get("one.bin");
        List<RemoteFile> sized = List.of(new RemoteFile("one.bin", sha256(one), one.length));
        Path target = directory.resolve("cache");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> downloader.fetch(base("endless"), sized, target));
        assertEquals("one.bin: expected 100000 bytes from " + base("endless") + "/one.bin, got more; the transfer was "
                + "stopped there and nothing was kept. The mirror may serve a different or damaged file",
                e.getMessage());
        try (Stream<Path> listing = Files.list(target)) {
            assertEquals(0, listing.count(), "no partial file left");
        }
        assertTrue(endlessSent.get() < (200L << 20), "the server could not send all it wanted: " + endlessSent.get());
    }

    @Test
    void aMirrorAnnouncingAnotherSizeIsRefusedBeforeTheTransfer() throws Exception {
        byte[] one = files.get("one.bin");
        List<RemoteFile> sized = List.of(new RemoteFile("one.bin", sha256(one), one.length));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> downloader.fetch(base("announced"), sized, directory.resolve("cache")));
        assertTrue(e.getMessage().startsWith("one.bin: expected 100000 bytes from " + base("announced")
                + "/one.bin, the mirror announces 67108864; nothing was fetched"), e.getMessage());
        // without a known size the announced length bounds the transfer (and the checksum then fails)
        assertThrows(DataFormatException.class, () -> downloader.fetch(base("announced"),
                List.of(new RemoteFile("one.bin", sha256(one))), directory.resolve("unsized")));
        assertThrows(IllegalArgumentException.class, () -> new RemoteFile("one.bin", sha256(one), -2));
    }

    @Test
    void aMissingFileIsAClearError() throws Exception {
        List<RemoteFile> absent = List.of(new RemoteFile("absent.bin", "0".repeat(64)));
        IOException error = assertThrows(IOException.class, () -> downloader.fetch(base("good"), absent, directory));
        assertFalse(error instanceof DataFormatException);
        assertEquals("absent.bin: expected HTTP status 200 from " + base("good") + "/absent.bin, got 404"
                + " (not found; check the mirror URL)", error.getMessage());
        assertEquals(List.of(), folderContents());
    }

    @Test
    void aStalledTransferIsAbandonedAfterTheIdleTimeout() throws Exception {
        Downloader impatient = new Downloader(Duration.ofSeconds(10), Duration.ofMillis(200), line -> { });
        DataFormatException error = assertThrows(DataFormatException.class,
                () -> impatient.fetch(base("stall"), remoteFiles(), directory));
        assertTrue(error.getMessage().contains("of 100000 bytes (no data for 200 ms); nothing was kept"),
                error.getMessage());
        assertEquals(List.of(), folderContents());
    }

    @Test
    void anUnreachableServerIsAnIOException() throws Exception {
        URI closed = base("good");
        server.stop(0);
        IOException error = assertThrows(IOException.class, () -> downloader.fetch(closed, remoteFiles(), directory));
        assertTrue(error.getMessage().startsWith("one.bin: cannot download from " + closed), error.getMessage());
    }

    @Test
    void aFolderServesAsAMirror() throws Exception {
        Path mirror = Files.createDirectory(directory.resolve("mirror"));
        Files.write(mirror.resolve("one.bin"), files.get("one.bin"));
        Files.write(mirror.resolve("two.bin"), files.get("two.bin"));
        Path target = directory.resolve("target");
        downloader.fetch(mirror.toUri(), remoteFiles(), target);
        assertArrayEquals(files.get("one.bin"), Files.readAllBytes(target.resolve("one.bin")));
        Files.write(mirror.resolve("two.bin"), new byte[] {9});
        Files.delete(target.resolve("two.bin"));
        assertThrows(DataFormatException.class, () -> downloader.fetch(mirror.toUri(), remoteFiles(), target));
        assertFalse(Files.exists(target.resolve("two.bin")));
    }

    @Test
    void argumentsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new RemoteFile("../etc/passwd", "0".repeat(64)));
        assertThrows(IllegalArgumentException.class, () -> new RemoteFile("a.gz", "abc"));
        assertThrows(IllegalArgumentException.class,
                () -> downloader.fetch(URI.create("ftp://example.org/"), List.of(), directory));
        assertThrows(IllegalArgumentException.class, () -> DatasetCatalog.downloadable("iris"));
    }

    @Test
    void theRealMnistFilesMatchTheCatalogOverHttp() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(SHARED_MNIST.resolve("train-labels-idx1-ubyte.gz")),
                "the shared MNIST folder is absent (set DENDRITE_DATA or place shared/data beside the checkout)");
        DatasetCatalog.Entry mnist = DatasetCatalog.downloadable("mnist");
        URI local = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/mnist/");
        List<Result> results = downloader.fetch(local, mnist.files(), directory);
        assertEquals(4, results.size());
        assertEquals(9912422, results.get(0).bytes());
        assertEquals(60000, Mnist.load(directory, true).size(), "the fetched folder loads as MNIST");
    }

    @Test
    void theRealFashionMnistFilesMatchTheCatalogFromAFolder() throws Exception {
        Path shared = FashionMnist.defaultDirectory().orElse(Path.of("missing"));
        Assumptions.assumeTrue(Files.isRegularFile(shared.resolve("t10k-labels-idx1-ubyte.gz")),
                "the shared Fashion-MNIST folder is absent");
        DatasetCatalog.Entry fashion = DatasetCatalog.downloadable("fashion-mnist");
        List<Result> results = downloader.fetch(shared.toUri(), fashion.files(), directory);
        assertEquals(4, results.size());
        assertEquals(10000, FashionMnist.load(directory, false).size());
    }
}
