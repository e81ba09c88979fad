package dev.dendrite.cli.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dendrite bench table}: the README's performance table, in Markdown, from the JSON that
 * {@code bench all} writes and, when given, the reference figures that {@code bench/readme-table.sh}
 * measures with numpy and PyTorch on the same machine in the same run. The last column is always
 * Dendrite's speed over the reference's (GFLOP/s over GFLOP/s, or time over time inverted), so
 * above 1 means Dendrite is faster.
 */
@Command(name = "table", mixinStandardHelpOptions = true,
        description = "Print the README's performance table from 'bench all' JSON (and reference figures).",
        footer = {"", "The reference file holds numpy and PyTorch figures for the same cases; bench/readme-table.sh",
            "measures both and calls this command.", "", "Examples:",
            "  dendrite bench table --json bench.json",
            "  dendrite bench table --json bench.json --reference reference.json"})
final class BenchTable implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", paramLabel = "FILE", required = true, description = "The summary 'bench all --json' wrote.")
    Path json;

    @Option(names = "--reference", paramLabel = "FILE", description = "numpy and PyTorch figures for the same cases.")
    Path reference;

    @Override
    public Integer call() throws IOException {
        Map<String, Object> summary = object(read(json), json + ": the top level");
        Map<String, Object> references = reference == null ? Map.of() : object(read(reference), reference + ": the top level");
        PrintWriter out = spec.commandLine().getOut();
        List<Map<String, Object>> cores = new ArrayList<>();
        out.println("| case | threads | Dendrite | reference | speed ratio |");
        out.println("| --- | --- | --- | --- | --- |");
        for (Object entry : list(summary.get("results"), json + ": results")) {
            Map<String, Object> result = object(entry, json + ": a result");
            String kind = String.valueOf(result.get("benchmark"));
            switch (kind) {
                case "gemm" -> gemmRows(out, result, references);
                case "mlp" -> mlpRow(out, result, references);
                case "inference" -> inferenceRow(out, result, references);
                case "small" -> smallRow(out, result, references);
                case "cnn" -> cnnRows(out, result, references);
                case "cores" -> cores.add(result);
                default -> throw new IllegalArgumentException(json + ": unknown benchmark '" + kind + "'");
            }
        }
        out.println();
        out.println(String.format(Locale.ROOT, "Java %s, %s, %d processors%s%s.", summary.get("java"),
                Boolean.TRUE.equals(summary.get("vectorApi")) ? "Vector API" : "scalar kernels",
                (long) number(summary, "processors"),
                references.containsKey("numpy") ? "; numpy " + references.get("numpy") : "",
                references.containsKey("torch") ? ", PyTorch " + references.get("torch") : ""));
        if (!cores.isEmpty()) {
            out.println();
            out.println(coresLine(cores));
        }
        return 0;
    }

    /** The cores' figures, one per reading in run order (bench all takes one before its cases, one after). */
    private static String coresLine(List<Map<String, Object>> readings) {
        String which = readings.size() == 1 ? "one reading"
                : readings.size() == 2 ? "before the first case / after the last" : "in run order";
        return "Between two cores (" + which + "): a cache line's round trip " + each(readings, "roundTripNanoseconds")
                + " ns; an array handed back and forth " + each(readings, "handoffGbPerSecond") + " GB/s, against "
                + each(readings, "ownGbPerSecond") + " GB/s on one core (`dendrite bench cores`).";
    }

    /** Every reading's {@code key}, rounded to a whole number, joined by " / ". */
    private static String each(List<Map<String, Object>> readings, String key) {
        return readings.stream().map(reading -> String.format(Locale.ROOT, "%.0f", number(reading, key)))
                .collect(Collectors.joining(" / "));
    }

    private static void gemmRows(PrintWriter out, Map<String, Object> gemm, Map<String, Object> references) {
        for (Object entry : list(gemm.get("results"), "gemm results")) {
            Map<String, Object> c = object(entry, "a gemm case");
            String shape = (long) number(c, "m") + "×" + (long) number(c, "k") + " · " + (long) number(c, "k") + "×"
                    + (long) number(c, "n") + " (" + c.get("form") + ")";
            Map<String, Object> ref = find(references, "gemm", c, "m", "n", "k", "form", "threads");
            double mine = number(c, "gflops");
            row(out, "SGEMM " + shape, c, String.format(Locale.ROOT, "%.0f GFLOP/s", mine),
                    ref == null ? null : String.format(Locale.ROOT, "numpy %.0f GFLOP/s", number(ref, "gflops")),
                    ref == null ? Double.NaN : mine / number(ref, "gflops"));
        }
    }

    private static void mlpRow(PrintWriter out, Map<String, Object> mlp, Map<String, Object> references) {
        Map<String, Object> ref = find(references, "mlp", mlp, "optimizer", "threads");
        double mine = number(mlp, "epochSeconds");
        row(out, "MLP epoch (784-256-128-10, batch 128, " + (long) number(mlp, "samples") + " samples), "
                        + mlp.get("optimizer"), mlp, String.format(Locale.ROOT, "%.3f s", mine),
                ref == null ? null : String.format(Locale.ROOT, "PyTorch %.3f s", number(ref, "epochSeconds")),
                ref == null ? Double.NaN : number(ref, "epochSeconds") / mine);
    }

    private static void inferenceRow(PrintWriter out, Map<String, Object> inference, Map<String, Object> references) {
        microsecondsRow(out, "one-sample inference of that MLP, median", inference, references, "inference",
                "p50Microseconds");
    }

    private static void smallRow(PrintWriter out, Map<String, Object> small, Map<String, Object> references) {
        microsecondsRow(out, "small network's training step (1-32-32-16-16-1 sigmoid/tanh, batch 50, Adam)", small,
                references, "small", "stepMicroseconds");
    }

    /** A row timed in microseconds ({@code key}), beside PyTorch's figure for the same thread count. */
    private static void microsecondsRow(PrintWriter out, String name, Map<String, Object> result,
                                        Map<String, Object> references, String kind, String key) {
        Map<String, Object> ref = find(references, kind, result, "threads");
        double mine = number(result, key);
        row(out, name, result, String.format(Locale.ROOT, "%.1f µs", mine),
                ref == null ? null : String.format(Locale.ROOT, "PyTorch %.1f µs", number(ref, key)),
                ref == null ? Double.NaN : number(ref, key) / mine);
    }

    private static void cnnRows(PrintWriter out, Map<String, Object> cnn, Map<String, Object> references) {
        Map<String, Object> ref = find(references, "cnn", cnn, "threads");
        double train = number(cnn, "secondsPer10k");
        row(out, "CNN training (two convolutions, batch 64, SGD), per 10 000 images", cnn,
                String.format(Locale.ROOT, "%.2f s", train),
                ref == null ? null : String.format(Locale.ROOT, "PyTorch %.2f s", number(ref, "secondsPer10k")),
                ref == null ? Double.NaN : number(ref, "secondsPer10k") / train);
        double infer = number(cnn, "inferenceImagesPerSecond");
        row(out, "CNN inference, batch 64", cnn, String.format(Locale.ROOT, "%.0f images/s", infer),
                ref == null ? null : String.format(Locale.ROOT, "PyTorch %.0f images/s",
                        number(ref, "inferenceImagesPerSecond")),
                ref == null ? Double.NaN : infer / number(ref, "inferenceImagesPerSecond"));
    }

    private static void row(PrintWriter out, String name, Map<String, Object> result, String mine, String theirs,
                            double ratio) {
        out.println("| " + name + " | " + (long) number(result, "threads") + " | " + mine + " | "
                + (theirs == null ? "—" : theirs) + " | "
                + (Double.isNaN(ratio) ? "—" : String.format(Locale.ROOT, "%.2f", ratio)) + " |");
    }

    /** The reference entry of {@code kind} whose {@code keys} equal the result's, or null. */
    private static Map<String, Object> find(Map<String, Object> references, String kind, Map<String, Object> result,
                                            String... keys) {
        if (!references.containsKey(kind)) {
            return null;
        }
        for (Object entry : list(references.get(kind), "reference " + kind)) {
            Map<String, Object> candidate = object(entry, "a reference " + kind + " case");
            boolean same = true;
            for (String key : keys) {
                // both files are read by read(), which makes every number a Double: 128 and 128.0 alike
                same &= Objects.equals(candidate.get(key), result.get(key));
            }
            if (same) {
                return candidate;
            }
        }
        return null;
    }

    private static double number(Map<String, Object> object, String key) {
        if (!(object.get(key) instanceof Number value)) {
            throw new IllegalArgumentException("expected a number for '" + key + "', found " + object.get(key));
        }
        return value.doubleValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String what) {
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException(what + ": expected a JSON object, found " + describe(value));
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value, String what) {
        if (!(value instanceof List)) {
            throw new IllegalArgumentException(what + ": expected a JSON array, found " + describe(value));
        }
        return (List<Object>) value;
    }

    private static String describe(Object value) {
        return value == null ? "nothing" : value instanceof String ? "a string" : value.getClass().getSimpleName();
    }

    /** The JSON document in {@code file} as maps, lists, strings, numbers, booleans and nulls. */
    static Object read(Path file) throws IOException {
        try (JsonParser parser = new JsonFactory().createParser(Files.newInputStream(file))) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new IllegalArgumentException(file + ": empty file, expected JSON");
            }
            return value(parser, first);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
    }

    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                    String name = parser.currentName();
                    object.put(name, value(parser, parser.nextToken()));
                }
                return object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    array.add(value(parser, t));
                }
                return array;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return parser.getDoubleValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IllegalArgumentException("unexpected JSON token " + token);
        }
    }
}
