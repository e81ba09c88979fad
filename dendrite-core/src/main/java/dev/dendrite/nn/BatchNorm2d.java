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
            BatchNorm::shapes).withBuffers(BatchNorm::bufferShapes);

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
