package dev.dendrite.testing;

import dev.dendrite.nn.LayerSpec;
import dev.dendrite.nn.LayerType;
import dev.dendrite.nn.Module;
import dev.dendrite.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * A test-only layer with a buffer, in the manner of BatchNorm: in training it multiplies its input
 * by a learned per-feature {@code scale} and folds each batch's column means into the buffer
 * {@code running_mean} ({@code m = 0.9 m + 0.1 mean}); in evaluation it returns
 * {@code (x - running_mean) * scale}, so the buffer changes what the model predicts. Its
 * {@link #TYPE} is registered only inside the tests that save it ({@code test_running_mean}).
 */
public final class RunningMean extends Module {
    /** How model files name it; register it for a test's duration with {@code LayerTypes.register}. */
    public static final LayerType<RunningMean> TYPE = LayerType.of("test_running_mean", RunningMean.class,
            List.of("features"),
            layer -> LayerSpec.of("test_running_mean").with("features", layer.features),
            (spec, random) -> new RunningMean(spec.integer("features")),
            spec -> Map.of("scale", new int[] {spec.integer("features")}))
            .withBuffers(spec -> Map.of("running_mean", new int[] {spec.integer("features")}));

    private final int features;
    private final Tensor scale;
    private final Tensor runningMean;

    /** A layer over {@code features} columns: scale 1, running mean 0. */
    public RunningMean(int features) {
        this.features = features;
        this.scale = registerParameter("scale", Tensor.ones(features).requiresGrad(true));
        this.runningMean = registerBuffer("running_mean", Tensor.zeros(features));
    }

    /** The buffer itself (not a copy). */
    public Tensor runningMean() {
        return runningMean;
    }

    @Override
    public Tensor forward(Tensor input) {
        if (!isTraining()) {
            return input.sub(runningMean).mul(scale);
        }
        float[] x = input.data();
        float[] mean = runningMean.data();
        int rows = x.length / features;
        for (int j = 0; j < features; j++) {
            double sum = 0;
            for (int i = 0; i < rows; i++) {
                sum += x[i * features + j];
            }
            mean[j] = (float) (0.9 * mean[j] + 0.1 * (sum / rows));
        }
        return input.mul(scale);
    }

    @Override
    protected String extraRepr() {
        return "features=" + features;
    }
}
