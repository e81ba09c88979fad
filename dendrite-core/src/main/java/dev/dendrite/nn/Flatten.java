package dev.dendrite.nn;

import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
import java.util.List;

/**
 * Flattens every sample into a vector: {@code [N, d1, d2, ...]} to {@code [N, d1·d2·...]}, as
 * between the convolutional part of a network and its dense head. A view: the output shares the
 * input's elements, nothing is copied, and the gradient is reshaped back the same way.
 *
 * <p>No parameters; immutable.
 */
public final class Flatten extends Module {
    /** How model files name this layer: {@code {"type":"flatten"}}. */
    public static final LayerType<Flatten> TYPE = LayerType.of("flatten", Flatten.class, List.of(),
            flatten -> LayerSpec.of("flatten"), (spec, random) -> new Flatten())
            .withListForms(ListForm.of("flatten", "flatten", 0, 0, false, (args, input, random) -> new Flatten()));

    @Override
    public Tensor forward(Tensor input) {
        Shape out = outputShape(input.shape());
        return input.rank() == 2 ? input : input.reshape(out.dims());
    }

    @Override
    public Shape outputShape(Shape input) {
        int[] dims = input.dims();
        Validate.argument(dims.length >= 2, toString(), "input [N, ...] with a batch dimension", input);
        long features = 1;
        for (int i = 1; i < dims.length; i++) {
            features *= dims[i];
        }
        return Shape.of(dims[0], (int) features);
    }
}
