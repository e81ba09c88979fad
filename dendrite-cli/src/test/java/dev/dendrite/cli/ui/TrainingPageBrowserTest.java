package dev.dendrite.cli.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.cli.Main;
import dev.dendrite.cli.TestJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training page in a real browser: a short digits run with {@code --ui}, watched by headless
 * Chromium until it has drawn three epochs and says "finished"; the numbers in its table must be
 * those of history.csv. Leaves a screenshot in {@code target/training-page.png}. Skips, saying
 * so, when Chromium is not installed.
 */
@Tag("slow")
class TrainingPageBrowserTest {
    private static final Pattern ADDRESS = Pattern.compile("training page: (http://127\\.0\\.0\\.1:\\d+/)");
    private static final String TABLE = "JSON.stringify([...document.querySelectorAll('#epochs tbody tr')].map(tr => "
            + "[tr.cells[0].textContent].concat([...tr.querySelectorAll('td[data-metric]')].map(td => "
            + "td.dataset.metric + '=' + td.textContent))))";

    @TempDir
    Path directory;

    @Test
    void showsTheRunAsItTrainsAndTheSameNumbersAsHistoryCsv() throws Exception {
        Path chromium = HeadlessChromium.binary();
        Assumptions.assumeTrue(chromium != null, "skipped: no Chromium at /usr/bin/chromium (or DENDRITE_CHROMIUM); "
                + "install it with: apt-get update && apt-get install -y chromium chromium-driver");
        Path report = directory.resolve("report");
        StringWriter out = new StringWriter();
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> Main.run(new String[] {"train", "--quiet",
            "--data", "digits", "--model", "mlp:64-64-10:relu", "--epochs", "6", "--ui", "--out",
            directory.resolve("m.safetensors").toString(), "--report", report.toString()},
            new PrintWriter(out, true), new PrintWriter(new StringWriter(), true)));
        String url = awaitAddress(out, run);
        // Chromium's profile lives outside the JUnit folder: a late write by one of its helper processes
        // must not fail the test's clean-up.
        Path profile = Files.createTempDirectory("dendrite-chromium-profile");
        try (HeadlessChromium browser = new HeadlessChromium(chromium, profile, 1400, 1000)) {
            browser.navigate(url);
            awaitTrue(browser, "Number(document.body.dataset.epochs || 0) >= 3", "three epochs drawn");
            awaitTrue(browser, "document.getElementById('status').textContent === 'finished'", "'finished' shown");
            assertEquals(0, run.get(120, TimeUnit.SECONDS), out.toString());
            List<?> rows = (List<?>) TestJson.parse((String) browser.evaluate(TABLE));
            assertDomEqualsHistory(rows, Files.readAllLines(report.resolve("history.csv")));
            String message = (String) browser.evaluate("document.getElementById('message').textContent");
            assertTrue(message.startsWith("finished after 6 epochs"), message);
            Number curves = (Number) browser.evaluate("document.querySelectorAll('#chart-loss path').length");
            assertTrue(curves.intValue() >= 3, "train, validation and batch loss curves, got " + curves);
            Path screenshot = Path.of("target", "training-page.png");
            Files.createDirectories(screenshot.getParent());
            browser.screenshot(screenshot);
            assertTrue(Files.size(screenshot) > 10_000, "a screenshot of the page");
        } finally {
            deleteQuietly(profile);
        }
    }

    /** Removes the profile folder as far as it can; a file Chromium still holds is left to the OS. */
    private static void deleteQuietly(Path folder) {
        try (java.util.stream.Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            // best effort: a leftover temporary folder is harmless
        }
    }

    /** Each table row's numbers equal the history's, to the 8 significant digits both print. */
    private static void assertDomEqualsHistory(List<?> rows, List<String> csv) {
        List<String> header = List.of(csv.get(0).split(","));
        assertEquals(csv.size() - 1, rows.size(), "one table row per history.csv line");
        int compared = 0;
        for (int r = 0; r < rows.size(); r++) {
            List<?> cells = (List<?>) rows.get(r);
            String[] line = csv.get(r + 1).split(",");
            assertEquals(line[0], cells.get(0), "epoch of row " + r);
            for (Object cell : cells.subList(1, cells.size())) {
                String[] pair = ((String) cell).split("=", 2);
                double expected = Double.parseDouble(line[header.indexOf(pair[0])]);
                double shown = Double.parseDouble(pair[1]);
                assertEquals(expected, shown, Math.abs(expected) * 1e-7, pair[0] + " of epoch " + line[0]);
                compared++;
            }
        }
        assertTrue(compared >= 6 * 4, "loss, accuracy, val_loss and val_accuracy of 6 epochs, got " + compared);
    }

    private static String awaitAddress(StringWriter out, CompletableFuture<Integer> run) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline && !run.isDone()) {
            Matcher matcher = ADDRESS.matcher(out.toString());
            if (matcher.find()) {
                return matcher.group(1);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no training page address in: " + out);
    }

    private static void awaitTrue(HeadlessChromium browser, String expression, String what) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            if (Boolean.TRUE.equals(browser.evaluate(expression))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the page never had " + what);
    }
}
