package dev.dendrite.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.nn.Sequential;
import dev.dendrite.optim.Optimizer;
import dev.dendrite.optim.Optimizers;
import dev.dendrite.train.Checkpoints;
import dev.dendrite.train.History;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** spark-train's saved options, read and restored without Spark. */
class SparkRunSettingsTest {
    /** Options that are not part of a run: where it runs, where it writes, how it talks. */
    private static final Set<String> NOT_SETTINGS = Set.of("--master", "--out", "--report", "--checkpoint",
            "--checkpoint-every", "--keep", "--resume", "--wait", "--verbose", "--help", "--version");

    @TempDir
    Path folder;

    private static CommandLine parsed(String... args) {
        CommandLine line = new CommandLine(new SparkTrainCommand());
        line.parseArgs(args);
        return line;
    }

    /** A checkpoint folder whose run settings are {@code settings}. */
    private Path savedWith(Map<String, String> settings) throws Exception {
        Sequential model = SparkTesting.mlp("mlp:4-3-2:relu", 1);
        Optimizer optimizer = Optimizers.create("adam", model.parameters(), 0.01);
        Path ck = folder.resolve("ck");
        Checkpoints.save(ck, 3, model, optimizer, 0.01, new Checkpoints.Progress(42, 64, 100, 2, 1, 0, 0, 0, 0),
                new History(), settings);
        return ck;
    }

    @Test
    void everyOptionIsARunSettingOrNamedAsNotOne() {
        Set<String> options = new HashSet<>();
        parsed().getCommandSpec().options().forEach(option -> options.add(option.longestName()));
        Set<String> classified = new HashSet<>(SparkRunSettings.OPTIONS);
        classified.addAll(NOT_SETTINGS);
        assertEquals(classified, options);
    }

    @Test
    void savedOptionsAreTrainsNamesAndFormsAndComeBackOnResume() throws Exception {
        Map<String, String> settings = SparkRunSettings.of(parsed("--data", "iris", "--lr", "5e-3", "--batch", "64",
                "--epochs", "2", "--mode", "average", "--local-steps", "4").getCommandSpec());
        assertEquals("0.005", settings.get("lr"));
        assertEquals("", settings.get("model"));
        assertEquals("0.2", settings.get("validation-split"));
        assertEquals("constant", settings.get("schedule"));
        Path ck = savedWith(settings);
        CommandLine resumed = parsed("--resume", ck.toString(), "--epochs", "5", "--lr", "0.005");
        SparkRunSettings.restore(resumed.getCommandSpec(), ck);
        SparkTrainCommand command = resumed.getCommand();
        assertEquals("iris", command.data);
        assertEquals(64, command.batch);
        assertEquals(5, command.epochs);
        assertEquals("average", command.mode);
        assertEquals(4, command.localSteps);
        assertEquals(null, command.model);
    }

    @Test
    void aDifferentOptionAndFewerEpochsAreRefusedNamingThem() throws Exception {
        Path ck = savedWith(SparkRunSettings.of(parsed("--lr", "0.01", "--epochs", "4").getCommandSpec()));
        CommandLine.ParameterException lr = assertThrows(CommandLine.ParameterException.class,
                () -> SparkRunSettings.restore(parsed("--resume", ck.toString(), "--lr", "0.1").getCommandSpec(), ck));
        assertEquals("--lr: expected '0.01' as saved in " + ck + " for the run it resumes, got '0.1' (leave --lr out "
                + "to use the saved value)", lr.getMessage());
        CommandLine.ParameterException epochs = assertThrows(CommandLine.ParameterException.class,
                () -> SparkRunSettings.restore(parsed("--resume", ck.toString(), "--epochs", "3").getCommandSpec(), ck));
        assertTrue(epochs.getMessage().startsWith("--epochs: expected at least 4"), epochs.getMessage());
    }

    @Test
    void aTrainRunWithAScheduleIsRefusedInOneLine() throws Exception {
        Map<String, String> train = new LinkedHashMap<>();
        train.put("data", "digits");
        train.put("schedule", "cosine");
        Path ck = savedWith(train);
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> SparkRunSettings.restore(parsed("--resume", ck.toString()).getCommandSpec(), ck));
        assertEquals("--resume: expected a run that spark-train can continue (--schedule constant), got --schedule "
                + "'cosine' saved in " + ck + " (continue it with train --resume " + ck + ")", e.getMessage());
    }
}
