package dev.dendrite.cli.ui;

import dev.dendrite.autograd.GradMode;
import dev.dendrite.cli.JsonText;
import dev.dendrite.data.Dataset;
import dev.dendrite.nn.Module;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.train.ConfusionMatrix;
import java.util.List;
import java.util.Map;

/**
 * The pictures the page redraws at each epoch's end, as JSON: a histogram of every weight matrix,
 * and on a fixed sample of validation rows the confusion matrix and the first few mistakes (for
 * square-image inputs). Stateless apart from its settings.
 */
final class EpochViews {
    static final int BINS = 30;
    static final int MISTAKES = 12;

    private final Dataset sample;
    private final Dataset rawSample;
    private final int imageSide;

    /**
     * @param sample    the validation rows to score (normalised as for training), or null for none
     * @param rawSample the same rows before normalisation, to draw the mistakes
     * @param imageSide the side of the inputs' square images, or 0 when they are not images
     */
    EpochViews(Dataset sample, Dataset rawSample, int imageSide) {
        this.sample = sample;
        this.rawSample = rawSample;
        this.imageSide = imageSide;
    }

    /** Weight histograms of {@code model}: one per parameter called {@code weight}, {@code BINS} bins each. */
    static String histograms(Module model) {
        StringBuilder json = new StringBuilder("[");
        int i = 0;
        for (Map.Entry<String, Tensor> p : model.namedParameters().entrySet()) {
            if (!p.getKey().endsWith("weight")) {
                continue;
            }
            float[] values = p.getValue().toArray();
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (float v : values) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            long[] counts = new long[BINS];
            double width = max > min ? (max - min) / BINS : 1;
            for (float v : values) {
                counts[(int) Math.min(BINS - 1, (v - min) / width)]++;
            }
            json.append(i++ == 0 ? "" : ", ").append("{\"name\": ").append(JsonText.quote(p.getKey()))
                    .append(", \"min\": ").append(RunState.number(min)).append(", \"max\": ")
                    .append(RunState.number(max)).append(", \"counts\": ").append(java.util.Arrays.toString(counts))
                    .append('}');
        }
        return json.append(']').toString();
    }

    /** The confusion matrix and mistakes of {@code model} on the sample, as {@code {confusion, mistakes}}. */
    String[] confusionAndMistakes(Module model, List<String> classNames) {
        if (sample == null || sample.size() == 0 || !sample.isClassification()) {
            return new String[] {"null", "[]"};
        }
        Tensor scores;
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            model.eval();
            scores = model.forward(sample.features());
        } finally {
            model.train();
        }
        int classes = sample.numClasses();
        int columns = scores.shape().dim(1);
        float[] s = scores.toArray();
        ConfusionMatrix matrix = new ConfusionMatrix(classes);
        StringBuilder mistakes = new StringBuilder("[");
        int shown = 0;
        for (int r = 0; r < sample.size(); r++) {
            int predicted = predicted(s, r, columns);
            int truth = (int) sample.targets().get(r);
            matrix.add(truth, predicted);
            if (predicted != truth && imageSide > 0 && shown < MISTAKES) {
                mistakes.append(shown++ == 0 ? "" : ", ").append("{\"true\": ").append(JsonText.quote(classNames.get(truth)))
                        .append(", \"predicted\": ").append(JsonText.quote(classNames.get(predicted)))
                        .append(", \"side\": ").append(imageSide).append(", \"pixels\": ")
                        .append(pixels(rawSample.features().sliceRows(r, r + 1).toArray())).append('}');
            }
        }
        return new String[] {confusion(matrix, classNames), mistakes.append(']').toString()};
    }

    private static int predicted(float[] scores, int row, int columns) {
        if (columns == 1) {
            return scores[row] > 0 ? 1 : 0;
        }
        int best = 0;
        for (int c = 1; c < columns; c++) {
            best = scores[row * columns + c] > scores[row * columns + best] ? c : best;
        }
        return best;
    }

    private static String confusion(ConfusionMatrix matrix, List<String> classNames) {
        StringBuilder json = new StringBuilder("{\"classes\": [");
        for (int c = 0; c < matrix.classes(); c++) {
            json.append(c == 0 ? "" : ", ").append(JsonText.quote(classNames.get(c)));
        }
        json.append("], \"counts\": [");
        for (int r = 0; r < matrix.classes(); r++) {
            json.append(r == 0 ? "[" : ", [");
            for (int c = 0; c < matrix.classes(); c++) {
                json.append(c == 0 ? "" : ", ").append(matrix.count(r, c));
            }
            json.append(']');
        }
        return json.append("], \"rows\": ").append(matrix.total()).append('}').toString();
    }

    /** Pixels scaled to 0..255 over the image's own range, for drawing. */
    private static String pixels(float[] values) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            int level = max > min ? Math.round(255 * (values[i] - min) / (max - min)) : 0;
            json.append(i == 0 ? "" : ",").append(level);
        }
        return json.append(']').toString();
    }
}
