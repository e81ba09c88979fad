package dev.dendrite.cli.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The web server of the training page, on the loopback address only.
 *
 * <p>It serves a fixed list of the page's own resources (nothing from the file system, so no path
 * can reach outside them), the run's state as JSON at {@code /api/state}, and a stream of it as
 * Server-Sent Events at {@code /events}. Everything is GET, except {@code POST /api/stop}, which
 * asks training to stop and needs the random token printed on the console in an
 * {@code X-Dendrite-Token} header. Every response carries a Content-Security-Policy that allows
 * only the page's own scripts and styles; a request whose Host is not this server's loopback
 * address is refused, so another site cannot reach it through DNS rebinding.
 *
 * <p>Thread-safe: requests run on a pool of daemon threads; {@link #close()} stops it.
 */
public final class UiServer implements AutoCloseable {
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    static final String TOKEN_HEADER = "X-Dendrite-Token";
    /** The page's resources: request path to resource name and content type. */
    private static final Map<String, String[]> RESOURCES = Map.of(
            "/", new String[] {"index.html", "text/html; charset=utf-8"},
            "/app.js", new String[] {"app.js", "text/javascript; charset=utf-8"},
            "/style.css", new String[] {"style.css", "text/css; charset=utf-8"});
    /** The shortest time between two events on one stream, so fast batches do not flood the page. */
    static final long EVENT_INTERVAL_MS = 200;
    private static final long KEEPALIVE_MS = 15_000;

    private final RunState state;
    private final Runnable stop;
    private final String token;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<Object, Long> streams = new ConcurrentHashMap<>();
    private volatile boolean closing;

    private UiServer(RunState state, Runnable stop, HttpServer server) {
        this.state = state;
        this.stop = stop;
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        this.token = HexFormat.of().formatHex(random);
        this.server = server;
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "dendrite-ui");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /**
     * Starts serving {@code state} on 127.0.0.1:{@code port} (0: a free port).
     *
     * @param stop what {@code POST /api/stop} runs, or null when there is nothing to stop
     * @throws IOException naming the port when it cannot be bound
     */
    public static UiServer start(RunState state, int port, Runnable stop) throws IOException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--ui-port: expected 0 (any free port) to 65535, got " + port);
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        } catch (BindException e) {
            throw new IOException("--ui-port: cannot listen on 127.0.0.1:" + port + " (" + e.getMessage() + ")", e);
        }
        UiServer ui = new UiServer(state, stop, server);
        server.start();
        return ui;
    }

    /** The page's address, {@code http://127.0.0.1:PORT/}. */
    public String url() {
        return "http://127.0.0.1:" + port() + "/";
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The token {@code POST /api/stop} needs. */
    public String token() {
        return token;
    }

    /**
     * Stops the server, first giving open event streams up to {@code graceMillis} to send the
     * latest state (so a page sees "finished" before the server goes).
     */
    public void close(long graceMillis) {
        long deadline = System.currentTimeMillis() + graceMillis;
        while (System.currentTimeMillis() < deadline && streams.values().stream().anyMatch(v -> v < state.version())) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        closing = true;
        server.stop(0);
        executor.shutdownNow();
    }

    @Override
    public void close() {
        close(2000);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Security-Policy", CSP);
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            if (!hostIsOurs(exchange.getRequestHeaders().getFirst("Host"))) {
                send(exchange, 403, "text/plain; charset=utf-8", "forbidden: unexpected Host header\n");
            } else if (path.equals("/api/stop")) {
                handleStop(exchange, method);
            } else if (!method.equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                send(exchange, 405, "text/plain; charset=utf-8", "method not allowed: only GET\n");
            } else if (path.equals("/api/state")) {
                send(exchange, 200, "application/json", state.toJson());
            } else if (path.equals("/events")) {
                stream(exchange);
            } else if (RESOURCES.containsKey(path)) {
                String[] resource = RESOURCES.get(path);
                send(exchange, 200, resource[1], resource(resource[0]));
            } else {
                send(exchange, 404, "text/plain; charset=utf-8", "not found\n");
            }
        }
    }

    private boolean hostIsOurs(String host) {
        return host != null && (host.equals("127.0.0.1:" + port()) || host.equals("localhost:" + port()));
    }

    private void handleStop(HttpExchange exchange, String method) throws IOException {
        if (!method.equals("POST")) {
            exchange.getResponseHeaders().set("Allow", "POST");
            send(exchange, 405, "text/plain; charset=utf-8", "method not allowed: only POST\n");
            return;
        }
        String given = exchange.getRequestHeaders().getFirst(TOKEN_HEADER);
        if (stop == null) {
            send(exchange, 404, "text/plain; charset=utf-8", "nothing to stop: this run has finished\n");
        } else if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8))) {
            send(exchange, 403, "text/plain; charset=utf-8", "forbidden: expected the token printed on the console\n");
        } else {
            stop.run();
            send(exchange, 200, "text/plain; charset=utf-8", "stopping after this epoch\n");
        }
    }

    /** Sends the state whenever it changes, at most every {@code EVENT_INTERVAL_MS}, until the run finishes. */
    private void stream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        Object key = new Object();
        streams.put(key, -1L);
        try {
            OutputStream out = exchange.getResponseBody();
            long sent = -1;
            while (!closing) {
                long version = state.awaitNewer(sent, KEEPALIVE_MS);
                boolean finished = state.finished();
                String text = version > sent ? "data: " + state.toJson() + "\n\n" : ": keep-alive\n\n";
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.flush();
                sent = version;
                streams.put(key, sent);
                if (finished) {
                    break;
                }
                Thread.sleep(EVENT_INTERVAL_MS);
            }
        } catch (IOException e) {
            // the page went away: nothing to do
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            streams.remove(key);
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = UiServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource " + name);
            }
            return in.readAllBytes();
        }
    }

    private static void send(HttpExchange exchange, int code, String type, String body) throws IOException {
        send(exchange, code, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int code, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }
}
