package dev.dendrite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code dendrite demo}: the article's numbers, computed by the library. */
class DemoCommandTest {
    @Test
    void printsTheArticlesNeuronLayerAndNetworkOutputs() {
        CliRun run = CliRun.ok("demo");
        assertEquals("", run.err());
        String out = run.out();
        assertTrue(out.contains("  output  = 1.8840\n") || out.contains("  output  = 1.8840" + System.lineSeparator()),
                out);
        assertTrue(out.contains("outputs = [1.8840, 8.9320, 11.0420]"), out);
        // The batch: one row of layer outputs per input row.
        assertTrue(out.contains("[4.8900, -2.2950, 1.0700]"), out);
        assertTrue(out.contains("[1.5720, 4.2950, 2.0030]"), out);
        // Two layers: ReLU of the layer outputs, then the second layer.
        assertTrue(out.contains("outputs [3.4589, -1.5140]"), out);
        assertTrue(out.contains("[0.0240, -0.7981]"), out);
        assertTrue(out.contains("[-0.4426, 1.0684]"), out);
    }

    /** Hand-computed: 0.78*4 - 0.34*9 + 0.7*2 - 0.2*1.3 - 0.11*5.6 + 1.3 = 1.884. */
    @Test
    void firstNeuronMatchesTheHandComputation() {
        double expected = 0.78 * 4 - 0.34 * 9 + 0.7 * 2 - 0.2 * 1.3 - 0.11 * 5.6 + 1.3;
        CliRun run = CliRun.ok("demo");
        assertEquals(expected, run.number("output  = ([0-9.]+)"), 5e-5);
    }
}
