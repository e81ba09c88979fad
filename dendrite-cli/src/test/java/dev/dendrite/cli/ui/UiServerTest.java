package dev.dendrite.cli.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.cli.TestJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The training page's server over plain HTTP: its endpoints, headers, token and refusals. */
class UiServerTest {
    private final AtomicInteger stops = new AtomicInteger();
    private RunState state;
    private UiServer server;

    @BeforeEach
    void start() throws IOException {
        state = new RunState("test run");
        server = UiServer.start(state, 0, stops::incrementAndGet);
    }

    @AfterEach
    void stop() {
        server.close(0);
    }

    @Test
    void servesThePageItsFilesAndTheStateWithAContentSecurityPolicy() throws IOException {
        assertTrue(server.url().startsWith("http://127.0.0.1:"), server.url());
        HttpProbe page = get("/");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("<script src=\"/app.js\""), page.body());
        assertEquals(UiServer.CSP, page.headers().get("content-security-policy"));
        assertTrue(page.headers().get("content-security-policy").contains("script-src 'self'"));
        assertEquals("nosniff", page.headers().get("x-content-type-options"));
        assertTrue(get("/app.js").headers().get("content-type").startsWith("text/javascript"));
        assertTrue(get("/style.css").headers().get("content-type").startsWith("text/css"));

        state.addEpoch(1, 0.5, Map.of("loss", 0.25));
        HttpProbe json = get("/api/state");
        assertEquals(200, json.status());
        Map<String, Object> parsed = TestJson.object(json.body());
        assertEquals("running", parsed.get("status"));
        Map<?, ?> epoch = (Map<?, ?>) ((List<?>) parsed.get("epochs")).get(0);
        assertEquals(0.25, ((Number) ((Map<?, ?>) epoch.get("metrics")).get("loss")).doubleValue());
    }

    @Test
    void refusesPathsOutsideItsOwnFiles() throws IOException {
        for (String path : List.of("/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/app.js/../../pom.xml",
                "//etc/passwd", "/index.html", "/dev/dendrite/cli/ui/app.js", "/UiServer.class",
                "/..%2f..%2fetc%2fpasswd", "/style.css%00.js")) {
            HttpProbe probe = get(path);
            assertEquals(404, probe.status(), path);
            assertFalse(probe.body().contains("root:"), path);
        }
    }

    @Test
    void answersOnlyGetExceptTheStopAction() throws IOException {
        for (String method : List.of("POST", "PUT", "DELETE")) {
            HttpProbe probe = HttpProbe.send(server.port(), method, "/api/state");
            assertEquals(405, probe.status(), method);
            assertEquals("GET", probe.headers().get("allow"));
        }
        assertEquals(405, get("/api/stop").status());
        assertEquals(0, stops.get());
    }

    @Test
    void stopsOnlyWithTheToken() throws IOException {
        assertEquals(403, HttpProbe.send(server.port(), "POST", "/api/stop").status());
        assertEquals(403, HttpProbe.send(server.port(), "POST", "/api/stop", UiServer.TOKEN_HEADER + ": 0123").status());
        assertEquals(403, HttpProbe.send(server.port(), "POST", "/api/stop?token=" + server.token()).status());
        assertEquals(0, stops.get());
        assertEquals(200, HttpProbe.send(server.port(), "POST", "/api/stop",
                UiServer.TOKEN_HEADER + ": " + server.token()).status());
        assertEquals(1, stops.get());
        assertEquals(32, server.token().length());
    }

    @Test
    void refusesAForeignHostHeader() throws IOException {
        assertEquals(403, HttpProbe.withHost(server.port(), "GET", "/", "evil.example:" + server.port()).status());
        assertEquals(200, HttpProbe.withHost(server.port(), "GET", "/", "localhost:" + server.port()).status());
    }

    @Test
    void streamsEachChangeUntilTheRunFinishes() throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(server.url() + "events").openConnection();
        connection.setReadTimeout(10_000);
        assertEquals("text/event-stream; charset=utf-8", connection.getContentType());
        try (BufferedReader events = new BufferedReader(new InputStreamReader(connection.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertTrue(nextEvent(events).contains("\"epochs\": []"));
            state.addEpoch(1, 0.5, Map.of("loss", 0.75));
            assertTrue(nextEvent(events).contains("\"loss\": 0.75"));
            state.finish("all done");
            String last = nextEvent(events);
            assertTrue(last.contains("\"status\": \"finished\"") && last.contains("all done"), last);
            assertEquals("", events.readLine(), "an event ends with a blank line");
            assertEquals(null, events.readLine(), "the stream ends with the run");
        }
    }

    @Test
    void closingStopsTheServer() throws IOException {
        int port = server.port();
        server.close(0);
        assertThrows(ConnectException.class, () -> HttpProbe.send(port, "GET", "/"));
    }

    @Test
    void rejectsABadPort() {
        assertThrows(IllegalArgumentException.class, () -> UiServer.start(state, 70000, null));
        IOException taken = assertThrows(IOException.class, () -> UiServer.start(state, server.port(), null));
        assertTrue(taken.getMessage().contains("--ui-port"), taken.getMessage());
    }

    private HttpProbe get(String path) throws IOException {
        return HttpProbe.send(server.port(), "GET", path);
    }

    /** The next {@code data:} line, skipping keep-alive comments and blank lines. */
    private static String nextEvent(BufferedReader events) throws IOException {
        for (String line = events.readLine(); line != null; line = events.readLine()) {
            if (line.startsWith("data: ")) {
                return line.substring(6);
            }
        }
        throw new AssertionError("the stream ended without an event");
    }
}
