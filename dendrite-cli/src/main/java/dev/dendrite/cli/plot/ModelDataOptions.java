package dev.dendrite.cli.plot;

import dev.dendrite.cli.DataSpec;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options of the plots that draw a classifier on a data set ({@code --model}, {@code --data},
 * {@code --seed}), declared once and mixed into each command.
 */
final class ModelDataOptions {
    @Option(names = "--model", required = true, paramLabel = "FILE", description = "The model file.")
    Path modelFile;

    @Option(names = "--data", required = true, paramLabel = "SPEC", description = "Data: " + DataSpec.HELP + ".")
    String data;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for generated data sets.")
    long seed;

    /** The model and the data it is drawn on, viewed as its samples; see {@link ModelData#load}. */
    ModelData load(String command) throws IOException {
        return ModelData.load(modelFile, data, seed, command);
    }
}
