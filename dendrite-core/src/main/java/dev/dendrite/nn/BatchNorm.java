package dev.dendrite.nn;

import dev.dendrite.autograd.Op;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
import dev.dendrite.tensor.kernel.BatchNormKernels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Batch normalisation (Ioffe and Szegedy, 2015), shared by {@link BatchNorm1d} and
 * {@link BatchNorm2d}: each channel c is normalised and then scaled and shifted by learned values,
 * <pre>
 *   y = γ[c] · (x - μ[c]) / sqrt(σ²[c] + eps) + β[c]
 * </pre>
 * In training mode μ and σ² are the batch's mean and biased variance over every value of the
 * channel (all samples, all pixels), computed in one fused pass, and the running statistics move
 * towards them: {@code running_mean = (1 - momentum)·running_mean + momentum·μ}, and the same for
 * {@code running_var} with the unbiased variance {@code σ²·M / (M - 1)}. In evaluation mode the
 * running statistics are used instead. This is PyTorch's behaviour, with its defaults
 * {@code eps = 1e-5}, {@code momentum = 0.1}.
 *
 * <p>Parameters: {@code weight} (γ, ones) and {@code bias} (β, zeros), each {@code [C]}. Buffers:
 * {@code running_mean} (zeros) and {@code running_var} (ones), updated in place by every training
 * forward pass. Mutable; not thread-safe in training mode.
 */
public abstract sealed class BatchNorm extends Module permits BatchNorm1d, BatchNorm2d {
    /** PyTorch's default epsilon. */
    public static final float DEFAULT_EPS = 1e-5f;
    /** PyTorch's default momentum. */
    public static final float DEFAULT_MOMENTUM = 0.1f;

    private final int features;
    private final float eps;
    private final float momentum;
    private final Tensor weight;
    private final Tensor bias;
    private final Tensor runningMean;
    private final Tensor runningVar;

    BatchNorm(Tensor weight, Tensor bias, float eps, float momentum) {
        Validate.argument(weight.rank() == 1 && bias.shape().equals(weight.shape()), getClass().getSimpleName(),
                "weight [C] and bias [C]", "weight " + weight.shape() + " and bias " + bias.shape());
        Validate.positive(eps, getClass().getSimpleName(), "eps");
        Validate.argument(momentum >= 0 && momentum <= 1, getClass().getSimpleName(), "momentum in [0, 1]",
                "momentum = " + momentum);
        this.features = weight.shape().dim(0);
        this.eps = eps;
        this.momentum = momentum;
        this.weight = registerParameter("weight", weight);
        this.bias = registerParameter("bias", bias);
        this.runningMean = registerBuffer("running_mean", Tensor.zeros(features));
        this.runningVar = registerBuffer("running_var", Tensor.ones(features));
    }

    /** The number of channels C. */
    public int features() {
        return features;
    }

    /** The epsilon added to the variance. */
    public float eps() {
        return eps;
    }

    /** How far each training batch moves the running statistics. */
    public float momentum() {
        return momentum;
    }

    /** γ, {@code [C]}. */
    public Tensor weight() {
        return weight;
    }

    /** β, {@code [C]}. */
    public Tensor bias() {
        return bias;
    }

    /** The running mean {@code [C]} (the live buffer). */
    public Tensor runningMean() {
        return runningMean;
    }

    /** The running variance {@code [C]} (the live buffer). */
    public Tensor runningVar() {
        return runningVar;
    }

    /** Checks the input's rank and channels and returns {@code [outer, channels, inner]}. */
    abstract int[] view(Shape input);

    @Override
    public Tensor forward(Tensor input) {
        int[] v = view(input.shape());
        float[] mean = new float[features];
        float[] invStd = new float[features];
        long count = (long) v[0] * v[2];
        if (isTraining()) {
            Validate.argument(count > 1, toString(), "more than one value per channel in training mode",
                    "input " + input.shape());
            float[] variance = new float[features];
            BatchNormKernels.statistics(input.data(), v[0], features, v[2], mean, variance);
            updateRunning(mean, variance, count);
            for (int c = 0; c < features; c++) {
                invStd[c] = (float) (1.0 / Math.sqrt(variance[c] + eps));
            }
        } else {
            float[] rv = runningVar.data();
            System.arraycopy(runningMean.data(), 0, mean, 0, features);
            for (int c = 0; c < features; c++) {
                invStd[c] = (float) (1.0 / Math.sqrt(rv[c] + eps));
            }
        }
        return new Normalize(v, mean, invStd, isTraining()).apply(input, weight, bias);
    }

    private void updateRunning(float[] mean, float[] variance, long count) {
        float[] rm = runningMean.data();
        float[] rv = runningVar.data();
        double unbias = (double) count / (count - 1);
        for (int c = 0; c < features; c++) {
            rm[c] = (1 - momentum) * rm[c] + momentum * mean[c];
            rv[c] = (float) ((1 - momentum) * rv[c] + momentum * (variance[c] * unbias));
        }
    }

    @Override
    public Shape outputShape(Shape input) {
        view(input);
        return input;
    }

    @Override
    protected String extraRepr() {
        return features + ", eps=" + eps + ", momentum=" + momentum;
    }

    /** The spec every batch-norm type writes: {@code {"type":...,"features":64,"eps":1e-5,"momentum":0.1}}. */
    static LayerSpec spec(String type, BatchNorm layer) {
        return LayerSpec.of(type).with("features", layer.features).with("eps", layer.eps)
                .with("momentum", layer.momentum);
    }

    static final List<String> FIELDS = List.of("features", "eps", "momentum");

    static Map<String, int[]> shapes(LayerSpec spec) {
        int features = spec.positiveInteger("features");
        Map<String, int[]> shapes = new LinkedHashMap<>();
        shapes.put("weight", new int[] {features});
        shapes.put("bias", new int[] {features});
        return shapes;
    }

    /** The running statistics, saved in model files and checkpoints beside γ and β. */
    static Map<String, int[]> bufferShapes(LayerSpec spec) {
        int features = spec.positiveInteger("features");
        Map<String, int[]> shapes = new LinkedHashMap<>();
        shapes.put("running_mean", new int[] {features});
        shapes.put("running_var", new int[] {features});
        return shapes;
    }

    /**
     * {@code y = γ·x̂ + β} with {@code x̂ = (x - μ)·invStd} per channel, as one op. Backward:
     * {@code dβ = Σ dy}, {@code dγ = Σ dy·x̂}; in training mode μ and invStd depend on x, so
     * {@code dx = γ·invStd·(dy - mean(dy) - x̂·mean(dy·x̂))}; in evaluation mode they are constants
     * and {@code dx = γ·invStd·dy}.
     */
    private static final class Normalize extends Op {
        private final int[] view;
        private final float[] mean;
        private final float[] invStd;
        private final boolean training;
        private Tensor x;
        private float[] gamma;

        Normalize(int[] view, float[] mean, float[] invStd, boolean training) {
            this.view = view;
            this.mean = mean;
            this.invStd = invStd;
            this.training = training;
        }

        @Override
        protected Tensor forward(Tensor... inputs) {
            x = inputs[0];
            gamma = inputs[1].data();
            float[] beta = inputs[2].data();
            int channels = view[1];
            float[] scale = new float[channels];
            float[] shift = new float[channels];
            for (int c = 0; c < channels; c++) {
                scale[c] = gamma[c] * invStd[c];
                shift[c] = beta[c] - mean[c] * scale[c];
            }
            float[] y = new float[x.size()];
            BatchNormKernels.affine(x.data(), view[0], channels, view[2], scale, shift, y);
            return Tensor.wrap(y, x.shape().dims());
        }

        @Override
        protected Tensor[] backward(Tensor gradOutput) {
            int channels = view[1];
            float[] dy = gradOutput.data();
            float[] sumGrad = new float[channels];
            float[] sumGradXhat = new float[channels];
            BatchNormKernels.gradientSums(dy, x.data(), view[0], channels, view[2], mean, invStd, sumGrad,
                    sumGradXhat);
            Tensor dx = null;
            if (needsGradient(0)) {
                float[] g = new float[x.size()];
                if (training) {
                    BatchNormKernels.trainingInputGradient(dy, x.data(), view[0], channels, view[2], mean, invStd,
                            gamma, sumGrad, sumGradXhat, g);
                } else {
                    float[] scale = new float[channels];
                    for (int c = 0; c < channels; c++) {
                        scale[c] = gamma[c] * invStd[c];
                    }
                    BatchNormKernels.affine(dy, view[0], channels, view[2], scale, new float[channels], g);
                }
                dx = Tensor.wrap(g, x.shape().dims());
            }
            return new Tensor[] {dx, Tensor.wrap(sumGradXhat, channels), Tensor.wrap(sumGrad, channels)};
        }

        @Override
        protected boolean returnsFreshGradients() {
            return true;
        }

        @Override
        public String name() {
            return "batchnorm";
        }
    }
}
