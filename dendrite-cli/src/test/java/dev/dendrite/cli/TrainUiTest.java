package dev.dendrite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.cli.ui.ReportState;
import dev.dendrite.cli.ui.RunState;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --ui} and {@code ui --report} through the command line, over plain HTTP. */
class TrainUiTest {
    private static final Pattern ADDRESS = Pattern.compile("training page: (http://127\\.0\\.0\\.1:\\d+/)\\s+\\(to stop "
            + "from the page, token ([0-9a-f]{32})\\)");

    @TempDir
    Path directory;

    @Test
    void trainingServesItsStateAndStopsFromThePageWithTheToken() throws Exception {
        Path report = directory.resolve("report");
        StringWriter out = new StringWriter();
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> Main.run(new String[] {"train", "--quiet",
            "--data", "digits", "--model", "mlp:64-16-10:relu", "--epochs", "200", "--ui", "--out",
            directory.resolve("m.safetensors").toString(), "--report", report.toString()},
            new PrintWriter(out, true), new PrintWriter(new StringWriter(), true)));
        Matcher address = awaitAddress(out);
        HttpClient http = HttpClient.newHttpClient();
        Map<String, Object> state = awaitEpochs(http, address.group(1), 1);
        assertEquals("running", state.get("status"));
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(address.group(1) + "api/stop"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, refused.statusCode());
        HttpResponse<String> stopped = http.send(HttpRequest.newBuilder(URI.create(address.group(1) + "api/stop"))
                .header("X-Dendrite-Token", address.group(2)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, stopped.statusCode());
        assertEquals(0, run.get(120, TimeUnit.SECONDS), out.toString());
        long epochs = Files.readAllLines(report.resolve("history.csv")).size() - 1;
        assertTrue(epochs >= 1 && epochs < 200, "stopped early, after " + epochs + " epochs");
    }

    @Test
    void aFinishedReportIsServedAsAFinishedRun() throws IOException {
        Path report = Files.createDirectories(directory.resolve("r"));
        Files.writeString(report.resolve("history.csv"), "epoch,seconds,loss,val_accuracy\n1,0.5,0.9,0.5\n"
                + "2,0.4,0.7,NaN\n");
        RunState state = ReportState.load(report);
        Map<String, Object> json = TestJson.object(state.toJson());
        assertEquals("finished", json.get("status"));
        List<?> epochs = (List<?>) json.get("epochs");
        assertEquals(2, epochs.size());
        Map<?, ?> second = (Map<?, ?>) ((Map<?, ?>) epochs.get(1)).get("metrics");
        assertEquals(0.7, ((Number) second.get("loss")).doubleValue());
        assertEquals(null, second.get("val_accuracy"));
    }

    @Test
    void badOptionsAndReportsFailWithOneLine() throws IOException {
        CliRun.of("ui", "--report", directory.resolve("none").toString()).assertFails(1, "history.csv");
        Path bad = Files.createDirectories(directory.resolve("bad"));
        Files.writeString(bad.resolve("history.csv"), "epoch,seconds,loss\n1,0.5\n");
        CliRun.of("ui", "--report", bad.toString()).assertFails(1, "line 2", "expected 3 columns, got 2");
        CliRun.of("train", "--quiet", "--ui-port", "8080").assertFails(2, "--ui-port", "--ui");
        CliRun.of("train", "--quiet", "--ui", "--ui-port", "70000").assertFails(2, "--ui-port", "70000");
    }

    private static Matcher awaitAddress(StringWriter out) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            Matcher matcher = ADDRESS.matcher(out.toString());
            if (matcher.find()) {
                return matcher;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no training page address in: " + out);
    }

    private static Map<String, Object> awaitEpochs(HttpClient http, String url, int epochs) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            String body = http.send(HttpRequest.newBuilder(URI.create(url + "api/state")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Map<String, Object> state = TestJson.object(body);
            if (((List<?>) state.get("epochs")).size() >= epochs) {
                return state;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("fewer than " + epochs + " epochs after a minute");
    }
}
