package dev.dendrite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code dendrite trace}: the article's arithmetic, neuron by neuron, for the demo and a trained model. */
class TraceCommandTest {
    private static final Pattern VALUE = Pattern.compile("^    (\\S.*?)\\s+=\\s+(-?[0-9.]+)", Pattern.MULTILINE);

    /** The article's layer, term by term: 0.78·4 − 0.34·9 + 0.7·2 − 0.2·1.3 − 0.11·5.6 + 1.3 = 1.884, and so on. */
    @Test
    void reproducesTheArticlesLayerTermByTerm() {
        CliRun run = CliRun.ok("trace", "--demo", "--layer", "0");
        assertEquals("", run.err());
        List<List<String[]>> neurons = neurons(run.out());
        assertEquals(3, neurons.size(), run.out());
        float[][] w = DemoCommand.LAYER_WEIGHTS;
        double[] article = {1.884, 8.932, 11.042};
        for (int j = 0; j < 3; j++) {
            List<String[]> lines = neurons.get(j);
            double sum = 0;
            for (int k = 0; k < 5; k++) {
                String[] term = lines.get(k);
                assertEquals("w[" + k + "]·x[" + k + "]", term[0]);
                double expected = (double) w[j][k] * DemoCommand.INPUTS[k];
                assertEquals(expected, Double.parseDouble(term[1]), 5e-5, "neuron " + j + " term " + k);
                sum += expected;
            }
            assertEquals(sum, value(lines, "sum"), 5e-5);
            assertEquals(DemoCommand.LAYER_BIASES[j], value(lines, "+ bias"), 5e-5);
            assertEquals(article[j], value(lines, "z"), 5e-5);
            assertEquals(article[j], value(lines, "relu(z)"), 5e-5);
        }
        assertFalse(run.out().contains("layers.2"), "--layer 0 shows only the first layer");
    }

    @Test
    void theDemoEndsWithTheArticlesTwoLayerOutput() {
        CliRun run = CliRun.ok("trace", "--demo");
        assertTrue(run.out().contains("layers.2 Dense(3 -> 2), no activation"), run.out());
        assertTrue(run.out().contains("output (2 values): [3.4589, -1.5140]"), run.out());
    }

    @Test
    void tracesATrainedModelWithTopTermsProbabilitiesAndTheClass() {
        CliRun run = CliRun.ok("trace", "--model", TrainedModels.get().iris.toString(), "--input", "5.1,3.5,1.4,0.2",
                "--top", "2");
        String out = run.out();
        assertTrue(out.contains("layers.0 Dense(4 -> 16), then layers.1 relu"), out);
        assertTrue(out.contains("… and 2 more"), out);
        for (List<String[]> lines : neurons(out)) {
            double terms = 0;
            for (String[] line : lines) {
                if (line[0].startsWith("w[") || line[0].startsWith("…")) {
                    terms += Double.parseDouble(line[1]);
                }
            }
            assertEquals(value(lines, "sum"), terms, 2e-3, "the shown terms and the rest add up to the sum");
            assertEquals(value(lines, "z"), value(lines, "sum") + value(lines, "+ bias"), 2e-3, "z = sum + bias");
        }
        String predicted = run.group("predicted: (\\S+) \\(p = ");
        String predict = CliRun.ok("predict", "--model", TrainedModels.get().iris.toString(), "--input",
                "5.1,3.5,1.4,0.2").out();
        assertTrue(predict.startsWith("row 1: " + predicted + " "), "trace says " + predicted + ", predict: " + predict);
    }

    @Test
    void marksEveryReLUThatOutputsZeroAsDead() {
        CliRun run = CliRun.ok("trace", "--model", TrainedModels.get().iris.toString(), "--data", "iris", "--index",
                "20", "--layer", "1");
        Matcher relu = Pattern.compile("relu\\(z\\)\\s+=\\s+(-?[0-9.]+)(.*)").matcher(run.out());
        int dead = 0;
        int count = 0;
        while (relu.find()) {
            count++;
            boolean zero = Double.parseDouble(relu.group(1)) == 0;
            assertEquals(zero, relu.group(2).contains("dead"), relu.group());
            dead += zero ? 1 : 0;
        }
        assertEquals(16, count, run.out());
        assertTrue(run.out().contains("marked: " + dead + " of 16 units"), run.out());
    }

    @Test
    void writesJsonWithTheSameNumbers() throws Exception {
        CliRun run = CliRun.ok("trace", "--demo", "--layer", "1", "--neuron", "2", "--json");
        Map<String, Object> json = TestJson.object(run.out());
        List<?> layers = (List<?>) json.get("layers");
        assertEquals(1, layers.size());
        Map<?, ?> layer = (Map<?, ?>) layers.get(0);
        assertEquals("relu", layer.get("activation"));
        Map<?, ?> neuron = (Map<?, ?>) ((List<?>) layer.get("neurons")).get(0);
        assertEquals(2, ((Number) neuron.get("neuron")).intValue());
        assertEquals(11.042, ((Number) neuron.get("z")).doubleValue(), 1e-4);
        assertEquals(5, ((List<?>) neuron.get("terms")).size());
    }

    @Test
    void badInputFailsWithOneLine() {
        String iris = TrainedModels.get().iris.toString();
        CliRun.of("trace", "--model", iris, "--input", "5.1,3.5,1.4").assertFails(1, "expected 4 values", "got 3");
        CliRun.of("trace", "--model", iris, "--input", "5.1,3.5,1.4,0.2", "--layer", "7")
                .assertFails(2, "--layer", "0 to 2", "got 7");
        CliRun.of("trace", "--model", iris, "--input", "5.1,3.5,1.4,0.2", "--layer", "0", "--neuron", "16")
                .assertFails(1, "--neuron", "0 to 15", "got 16");
        CliRun.of("trace", "--model", iris, "--input", "5.1,3.5,1.4,0.2", "--neuron", "1").assertFails(2, "--layer");
        CliRun.of("trace", "--model", iris, "--data", "iris", "--index", "150").assertFails(1, "--index", "got 150");
        CliRun.of("trace", "--model", iris).assertFails(2, "--input or --data");
        CliRun.of("trace", "--demo", "--top", "0").assertFails(2, "--top");
        CliRun.of("trace", "--model", iris, "--data", "digits").assertFails(1, "expected 4 features");
    }

    /** Each neuron's {@code label = value} lines, as {label, value} pairs. */
    private static List<List<String[]>> neurons(String out) {
        List<List<String[]>> neurons = new ArrayList<>();
        for (String block : out.split("\n  neuron \\d+\n")) {
            if (neurons.isEmpty() && !block.startsWith("    ")) {
                neurons.add(null);   // the text before the first neuron
                continue;
            }
            List<String[]> lines = new ArrayList<>();
            Matcher m = VALUE.matcher(block.split("\n\n")[0]);
            while (m.find()) {
                lines.add(new String[] {m.group(1).strip(), m.group(2)});
            }
            neurons.add(lines);
        }
        return neurons.subList(1, neurons.size());
    }

    private static double value(List<String[]> lines, String label) {
        return lines.stream().filter(l -> l[0].equals(label)).mapToDouble(l -> Double.parseDouble(l[1])).findFirst()
                .orElseThrow(() -> new AssertionError("no line '" + label + "'"));
    }
}
