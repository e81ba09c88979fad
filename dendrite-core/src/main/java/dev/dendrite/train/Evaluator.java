package dev.dendrite.train;

import dev.dendrite.autograd.GradMode;
import dev.dendrite.data.Batch;
import dev.dendrite.data.Batches;
import dev.dendrite.data.Dataset;
import dev.dendrite.loss.Loss;
import dev.dendrite.nn.Module;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;

/** Runs a model over a dataset in evaluation mode, without recording a graph, and scores it. */
public final class Evaluator {
    private Evaluator() {
    }

    /** Loss, accuracy and confusion matrix (classification) or RMSE and MAE (regression). */
    public static Evaluation evaluate(Module model, Loss loss, Dataset data, int batchSize) {
        boolean wasTraining = model.isTraining();
        model.eval();
        boolean classification = data.numClasses() > 0;
        ConfusionMatrix confusion = classification ? new ConfusionMatrix(data.numClasses()) : null;
        double lossSum = 0;
        double squared = 0;
        double absolute = 0;
        long outputs = 0;
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            for (Batch batch : new Batches(data, batchSize, false, 0).epoch(0)) {
                Tensor output = model.forward(batch.features());
                Tensor target = Outputs.targetFor(output, batch.targets(), classification);
                int rows = output.shape().dim(0);
                lossSum += (double) loss.compute(output, target).item() * rows;
                if (classification) {
                    int columns = output.size() / Math.max(1, rows);
                    if (columns != data.numClasses() && !(columns == 1 && data.numClasses() == 2)) {
                        throw Validate.fail("evaluate", data.numClasses() + " outputs per row for the classes of "
                                + data.name(), output.shape());
                    }
                    int[] predicted = Outputs.predictedClasses(output);
                    float[] truth = batch.targets().data();
                    for (int r = 0; r < rows; r++) {
                        confusion.add((int) truth[r], predicted[r]);
                    }
                } else {
                    float[] y = output.data();
                    float[] t = target.data();
                    for (int i = 0; i < y.length; i++) {
                        double error = (double) y[i] - t[i];
                        squared += error * error;
                        absolute += Math.abs(error);
                    }
                    outputs += y.length;
                }
            }
        } finally {
            if (wasTraining) {
                model.train();
            }
        }
        int n = data.size();
        return classification
                ? new Evaluation(lossSum / n, confusion.accuracy(), confusion, Double.NaN, Double.NaN, n)
                : new Evaluation(lossSum / n, Double.NaN, null, Math.sqrt(squared / outputs), absolute / outputs, n);
    }
}
