package dev.dendrite.nn;

import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Gives every sample a new shape, keeping the batch dimension: {@code Reshape(1, 28, 28)} turns
 * {@code [N, 784]} into {@code [N, 1, 28, 28]} (PyTorch's {@code Unflatten(1, (1, 28, 28))}). One
 * dimension may be -1, inferred from the others. A view: nothing is copied, and the gradient is
 * reshaped back.
 *
 * <p>No parameters; immutable.
 */
public final class Reshape extends Module {
    /** How model files name this layer: {@code {"type":"reshape","shape":"1,28,28"}}. */
    public static final LayerType<Reshape> TYPE = LayerType.of("reshape", Reshape.class, List.of("shape"),
            reshape -> LayerSpec.of("reshape").with("shape", reshape.shapeText()),
            (spec, random) -> new Reshape(parse(spec.text("shape", ""))))
            .withListForms(ListForm.of("reshape", "reshape:D1[:D2...]", 1, 8, false,
                    (args, input, random) -> new Reshape(args.integers("a dimension"))));

    private final int[] sampleShape;

    /** A reshape of every sample to {@code sampleShape} (at most one -1). */
    public Reshape(int... sampleShape) {
        Validate.argument(sampleShape.length > 0, "Reshape", "at least one dimension", "none");
        int inferred = 0;
        for (int d : sampleShape) {
            Validate.argument(d > 0 || d == -1, "Reshape", "dimensions > 0 or one -1", sampleShape);
            inferred += d == -1 ? 1 : 0;
        }
        Validate.argument(inferred <= 1, "Reshape", "at most one -1", sampleShape);
        this.sampleShape = sampleShape.clone();
    }

    private static int[] parse(String text) {
        try {
            return Arrays.stream(text.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(Validate.message("layer 'reshape'",
                    "a shape such as \"1,28,28\"", "\"" + text + "\""), e);
        }
    }

    /** The per-sample shape, as given (a -1 stays -1). */
    public int[] sampleShape() {
        return sampleShape.clone();
    }

    private String shapeText() {
        return Arrays.stream(sampleShape).mapToObj(String::valueOf).collect(Collectors.joining(","));
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.reshape(outputShape(input.shape()).dims());
    }

    @Override
    public Shape outputShape(Shape input) {
        int[] dims = input.dims();
        Validate.argument(dims.length >= 1, toString(), "input [N, ...] with a batch dimension", input);
        long perSample = input.size() / Math.max(1, dims[0]);
        long known = 1;
        for (int d : sampleShape) {
            known *= d == -1 ? 1 : d;
        }
        int[] out = new int[sampleShape.length + 1];
        out[0] = dims[0];
        for (int i = 0; i < sampleShape.length; i++) {
            out[i + 1] = sampleShape[i] == -1 ? (int) (perSample / known) : sampleShape[i];
        }
        long total = 1;
        for (int i = 1; i < out.length; i++) {
            total *= out[i];
        }
        if (total != perSample || (dims[0] == 0 && Arrays.stream(sampleShape).anyMatch(d -> d == -1))) {
            throw new IllegalArgumentException(Validate.message(toString(),
                    "input [N, ...] with " + known + (known == total ? "" : "·k") + " values per sample", input));
        }
        return Shape.of(out);
    }

    @Override
    protected String extraRepr() {
        return shapeText();
    }
}
