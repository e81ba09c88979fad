package dev.dendrite.nn.init;

import dev.dendrite.tensor.Tensor;
import java.util.Random;

/** Every weight set to one value; zeros is the usual choice for biases. Immutable. */
public final class Constant implements Initializer {
    private final float value;

    /** Every element {@code value}. */
    public Constant(float value) {
        this.value = value;
    }

    /** All zeros. */
    public static Constant zeros() {
        return new Constant(0f);
    }

    @Override
    public Tensor create(Random random, int fanIn, int fanOut, int... dims) {
        return Tensor.full(value, dims);
    }

    @Override
    public String name() {
        return value == 0f ? "zeros" : "constant";
    }
}
