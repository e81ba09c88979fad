package dev.dendrite.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code predict --input NAME} with no such file says so, instead of reading the name as a value. */
class PredictInputFileTest {
    @Test
    void aMissingInputFileIsNamed() {
        String model = TrainedModels.get().iris.toString();
        CliRun.of("predict", "--model", model, "--input", "no-such-rows.csv")
                .assertFails(1, "dendrite predict: no such file: no-such-rows.csv");
    }

    @Test
    void valuesAreNeverTakenForAFileName() {
        assertFalse(PredictInput.namesAFile("5.1,3.5,1.4,0.2"));
        assertFalse(PredictInput.namesAFile("5.1"));
        assertFalse(PredictInput.namesAFile("1,2;3,4"));
        assertTrue(PredictInput.namesAFile("iris.csv"));
        assertTrue(PredictInput.namesAFile("rows"));
        // A bad value among several is a bad value, not a file
        CliRun.of("predict", "--model", TrainedModels.get().iris.toString(), "--input", "5.1,x,1.4,0.2")
                .assertFails(1, "value 2: expected a finite number, got 'x'");
    }
}
