package dev.dendrite.nn;

import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;

/**
 * Batch normalisation of features, {@code [N, C]} (or sequences {@code [N, C, L]}), each of the C
 * features normalised over the batch (and the positions); see {@link BatchNorm} for the formula,
 * the running statistics and train/eval behaviour, which are PyTorch's.
 *
 * <pre>{@code
 * new Sequential(new Dense(784, 256, random), new BatchNorm1d(256), new ReLU(), ...)
 * }</pre>
 * Mutable; not thread-safe in training mode.
 */
public final class BatchNorm1d extends BatchNorm {
    /** How model files name this layer: {@code {"type":"batchnorm1d","features":256,"eps":1e-5,"momentum":0.1}}. */
    public static final LayerType<BatchNorm1d> TYPE = LayerType.of("batchnorm1d", BatchNorm1d.class, FIELDS,
            layer -> spec("batchnorm1d", layer),
            (spec, random) -> new BatchNorm1d(spec.positiveInteger("features"), spec.real("eps", DEFAULT_EPS),
                    spec.real("momentum", DEFAULT_MOMENTUM)),
            BatchNorm::shapes).withBuffers(BatchNorm::bufferShapes)
            .withListForms(ListForm.of("batchnorm1d", "batchnorm1d", 0, 0, false,
                    (args, input, random) -> new BatchNorm1d(input.rank() > 1 ? input.dim(1) : 0)));

    /** Normalisation of {@code features} features with PyTorch's eps and momentum. */
    public BatchNorm1d(int features) {
        this(features, DEFAULT_EPS, DEFAULT_MOMENTUM);
    }

    /** Normalisation with γ = 1, β = 0 and the given eps and momentum. */
    public BatchNorm1d(int features, float eps, float momentum) {
        super(Tensor.ones(checked(features)), Tensor.zeros(features), eps, momentum);
    }

    static int checked(int features) {
        Validate.argument(features > 0, "BatchNorm", "features > 0", features);
        return features;
    }

    @Override
    int[] view(Shape input) {
        int[] dims = input.dims();
        if ((dims.length != 2 && dims.length != 3) || dims[1] != features()) {
            throw new IllegalArgumentException(this + ": expected input [N, " + features() + "] or [N, "
                    + features() + ", L], got " + input);
        }
        return new int[] {dims[0], dims[1], dims.length == 3 ? dims[2] : 1};
    }

    @Override
    public int[] sampleInputShape() {
        return new int[] {features()};
    }
}
