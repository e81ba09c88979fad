package dev.dendrite.nn;

import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import java.util.List;

/**
 * Global average pooling: the mean of each channel over the whole image,
 * {@code y[n, c] = Σ_{h,w} x[n, c, h, w] / (H·W)}, which turns a feature map of any size into one
 * vector per image for a classifier head. Composed of a reshape and a mean, so its gradient
 * ({@code dy / (H·W)} to every pixel) comes from those primitives.
 *
 * <p>Shapes: {@code [N, C, H, W]} to {@code [N, C]}. No parameters; immutable.
 */
public final class GlobalAvgPool2d extends Module {
    /** How model files name this layer: {@code {"type":"globalavgpool"}}. */
    public static final LayerType<GlobalAvgPool2d> TYPE = LayerType.of("globalavgpool", GlobalAvgPool2d.class,
            List.of(), pool -> LayerSpec.of("globalavgpool"), (spec, random) -> new GlobalAvgPool2d())
            .withListForms(ListForm.of("globalavgpool", "globalavgpool", 0, 0, true,
                    (args, input, random) -> new GlobalAvgPool2d()));

    @Override
    public Tensor forward(Tensor input) {
        int[] dims = ImageShapes.images(this, input.shape(), -1);
        return input.reshape(dims[0], dims[1], dims[2] * dims[3]).mean(2);
    }

    @Override
    public Shape outputShape(Shape input) {
        int[] dims = ImageShapes.images(this, input, -1);
        return Shape.of(dims[0], dims[1]);
    }
}
