package dev.dendrite.cli.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.cli.CliRun;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dendrite trace} on a model trained by {@code train}, whose first layer is its feature scaling. */
class TraceNormalizationCommandTest {
    @TempDir
    Path directory;

    @Test
    void theFirstLayerShowsEachMeasurementScaled() {
        Path model = CliRun.train(directory, "iris", "--data", "iris", "--model", "mlp:4-8-3:relu", "--epochs", "2");
        String out = CliRun.ok("trace", "--model", model.toString(), "--input", "5.1,3.5,1.4,0.2", "--layer", "0")
                .out();
        assertTrue(out.contains("layers.0 Normalization(4): (x - offset) / scale, feature by feature"), out);
        Matcher row = Pattern.compile("x\\[(\\d)\\]\\s+(-?[0-9.]+)\\s+(-?[0-9.]+)\\s+(-?[0-9.]+)\\s+(-?[0-9.]+)")
                .matcher(out);
        double[] raw = {5.1, 3.5, 1.4, 0.2};
        int rows = 0;
        while (row.find()) {
            int j = Integer.parseInt(row.group(1));
            double offset = Double.parseDouble(row.group(3));
            double scale = Double.parseDouble(row.group(4));
            assertEquals(raw[j], Double.parseDouble(row.group(2)), 1e-4, row.group());
            assertEquals((raw[j] - offset) / scale, Double.parseDouble(row.group(5)), 2e-3, row.group());
            assertTrue(scale > 0, row.group());
            rows++;
        }
        assertEquals(4, rows, out);
    }
}
