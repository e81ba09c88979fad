package dev.dendrite.nn;

import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;

/**
 * Batch normalisation of feature maps, {@code [N, C, H, W]}: each channel normalised over the
 * batch and every pixel; see {@link BatchNorm} for the formula, the running statistics and
 * train/eval behaviour, which are PyTorch's.
 *
 * <pre>{@code
 * new Sequential(new Conv2d(1, 32, 3, random), new BatchNorm2d(32), new ReLU(), ...)
 * }</pre>
 * Mutable; not thread-safe in training mode.
 */
public final class BatchNorm2d extends BatchNorm {
    /** How model files name this layer: {@code {"type":"batchnorm2d","features":32,"eps":1e-5,"momentum":0.1}}. */
    public static final LayerType<BatchNorm2d> TYPE = LayerType.of("batchnorm2d", BatchNorm2d.class, FIELDS,
            layer -> spec("batchnorm2d", layer),
            (spec, random) -> new BatchNorm2d(spec.positiveInteger("features"), spec.real("eps", DEFAULT_EPS),
                    spec.real("momentum", DEFAULT_MOMENTUM)),
            BatchNorm::shapes).withBuffers(BatchNorm::bufferShapes)
            .withListForms(ListForm.of("batchnorm2d", "batchnorm2d", 0, 0, true,
                    (args, input, random) -> new BatchNorm2d(input.rank() > 1 ? input.dim(1) : 0)),
                    // Plain 'batchnorm' picks the kind from the input: images get this one, rows BatchNorm1d.
                    ListForm.of("batchnorm", "batchnorm", 0, 0, false, (args, input, random) -> input.rank() == 4
                            ? new BatchNorm2d(input.dim(1)) : new BatchNorm1d(input.rank() > 1 ? input.dim(1) : 0)));

    /** Normalisation of {@code channels} channels with PyTorch's eps and momentum. */
    public BatchNorm2d(int channels) {
        this(channels, DEFAULT_EPS, DEFAULT_MOMENTUM);
    }

    /** Normalisation with γ = 1, β = 0 and the given eps and momentum. */
    public BatchNorm2d(int channels, float eps, float momentum) {
        super(Tensor.ones(BatchNorm1d.checked(channels)), Tensor.zeros(channels), eps, momentum);
    }

    @Override
    int[] view(Shape input) {
        int[] dims = ImageShapes.images(this, input, features());
        return new int[] {dims[0], dims[1], dims[2] * dims[3]};
    }

    @Override
    public int[] sampleInputShape() {
        return new int[] {features(), -1, -1};
    }
}
