package dev.dendrite.cli.ui;

import dev.dendrite.cli.JsonText;
import dev.dendrite.cli.TestJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A headless Chromium driven over the DevTools protocol (a WebSocket of JSON messages), enough
 * for the page test: open a URL, evaluate JavaScript, take a screenshot. Not thread-safe.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();

    /** The Chromium binary: {@code DENDRITE_CHROMIUM}, else /usr/bin/chromium; null when neither exists. */
    static Path binary() {
        String configured = System.getenv("DENDRITE_CHROMIUM");
        Path path = Path.of(configured != null ? configured : "/usr/bin/chromium");
        return Files.isExecutable(path) ? path : null;
    }

    HeadlessChromium(Path binary, Path profile, int width, int height) throws IOException, InterruptedException {
        process = new ProcessBuilder(binary.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--remote-debugging-port=0",
                "--remote-allow-origins=*", "--user-data-dir=" + profile, "--window-size=" + width + "," + height,
                "about:blank").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String browser = browserUrl();
        String port = URI.create(browser).getPort() + "";
        HttpClient http = HttpClient.newHttpClient();
        String targets = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String page = null;
        for (Object target : (List<?>) TestJson.parse(targets)) {
            Map<?, ?> t = (Map<?, ?>) target;
            if ("page".equals(t.get("type"))) {
                page = (String) t.get("webSocketDebuggerUrl");
            }
        }
        if (page == null) {
            throw new IOException("Chromium lists no page target: " + targets);
        }
        socket = http.newWebSocketBuilder().buildAsync(URI.create(page), new Listener()).join();
    }

    /** Reads Chromium's stderr until it says where its DevTools endpoint listens. */
    private String browserUrl() throws IOException {
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = err.readLine(); line != null; line = err.readLine()) {
            Matcher matcher = LISTENING.matcher(line);
            if (matcher.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        err.transferTo(java.io.Writer.nullWriter());
                    } catch (IOException e) {
                        // Chromium exited
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return matcher.group(1);
            }
            seen.append(line).append('\n');
        }
        throw new IOException("Chromium exited before opening DevTools:\n" + seen);
    }

    /** Sends a DevTools command and waits for its result. */
    Map<String, Object> call(String method, String params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<Map<String, Object>> answer = new CompletableFuture<>();
        pending.put(id, answer);
        socket.sendText("{\"id\": " + id + ", \"method\": " + JsonText.quote(method) + ", \"params\": " + params + "}",
                true).join();
        Map<String, Object> message = answer.get(30, TimeUnit.SECONDS);
        if (message.containsKey("error")) {
            throw new IllegalStateException(method + ": " + message.get("error"));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) message.get("result");
        return result;
    }

    void navigate(String url) throws Exception {
        call("Page.navigate", "{\"url\": " + JsonText.quote(url) + "}");
    }

    /** The value of a JavaScript expression in the page (strings, numbers, booleans; null when undefined). */
    Object evaluate(String expression) throws Exception {
        Map<String, Object> result = call("Runtime.evaluate", "{\"expression\": " + JsonText.quote(expression)
                + ", \"returnByValue\": true}");
        return ((Map<?, ?>) result.get("result")).get("value");
    }

    /** Saves a PNG of the whole page. */
    void screenshot(Path file) throws Exception {
        Map<String, Object> result = call("Page.captureScreenshot", "{\"format\": \"png\", \"captureBeyondViewport\": true}");
        Files.write(file, Base64.getDecoder().decode((String) result.get("data")));
    }

    /**
     * Ends Chromium and every process it started (renderers, the crash handler), and waits for them,
     * so that none still writes into the profile folder when the test deletes it.
     */
    @Override
    public void close() {
        socket.abort();
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            for (ProcessHandle child : children) {
                child.onExit().get(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** Collects each message's parts and completes the command it answers. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder parts = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            parts.append(data);
            if (last) {
                try {
                    Map<String, Object> message = TestJson.object(parts.toString());
                    Object id = message.get("id");
                    if (id instanceof Number n && pending.containsKey(n.intValue())) {
                        pending.remove(n.intValue()).complete(message);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                } finally {
                    parts.setLength(0);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
