package dev.dendrite.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The article series' experiment as the example command runs it: four rows, each variant better
 * than the one before, Adam at the series' 0.00088 test RMSE or better. About 20 seconds, so it
 * is tagged slow and run by CI explicitly.
 */
@Tag("slow")
class SeedRegressionExampleTest {
    @Test
    void theOrderingHoldsAndAdamReachesTheSeriesFigure() {
        CliRun run = CliRun.ok("example", "seed-regression");
        assertTrue(run.out().contains("ordering (each variant better than the one before): holds"), run.out());
        assertTrue(run.out().contains("Adam reaches the series' 0.00088: yes"), run.out());
        System.out.println(run.out());
    }
}
