package dev.dendrite.cli.plot;

import dev.dendrite.cli.DataSpec;
import dev.dendrite.cli.TrainedModel;
import dev.dendrite.data.Dataset;
import java.io.IOException;

/**
 * A saved classifier and the data set it is plotted on: the test split when the data has one,
 * checked against the model and normalised as the model was trained.
 *
 * @param model the model
 * @param raw   the data as loaded (for drawing the inputs)
 * @param set   the data normalised for the model (for running it)
 */
record ModelData(TrainedModel model, Dataset raw, Dataset set) {
    /** Loads both, failing with one line when the model is not a classifier or the data does not fit it. */
    static ModelData load(java.nio.file.Path modelFile, String spec, long seed, String command) throws IOException {
        TrainedModel model = TrainedModel.load(modelFile);
        if (!model.isClassification()) {
            throw new IllegalArgumentException(command + ": expected a classifier, got a regression model ("
                    + modelFile + ")");
        }
        Dataset raw = DataSpec.load(spec, seed, model.classNames()).evaluationSet();
        model.checkFits(raw);
        return new ModelData(model, raw, model.view(raw));
    }

    /** The input of row {@code index} of the normalised set, shaped as a batch of one for the model. */
    dev.dendrite.tensor.Tensor input(int index) {
        return set.features().sliceRows(index, index + 1).copy();
    }

    /** The class name of row {@code index}'s label. */
    String label(int index) {
        return model.classNames().get((int) set.targets().get(index));
    }
}
