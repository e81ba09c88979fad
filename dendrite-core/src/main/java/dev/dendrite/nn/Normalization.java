package dev.dendrite.nn;

import dev.dendrite.autograd.Op;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Feature scaling as the first layer of a model, so a saved model takes raw inputs everywhere
 * (Java, the command line, ONNX), as Keras's {@code Normalization} layer does:
 * {@code y_j = (x_j - offset_j) / scale_j} for each of the {@code features} values of a sample.
 *
 * <p>Standardisation is {@code offset = mean, scale = standard deviation}; min-max scaling is
 * {@code offset = min, scale = max - min}. A zero scale (a constant feature) is stored as 1, so
 * the feature maps to 0 instead of NaN. Offset and scale are buffers: saved with the model,
 * never trained. The gradient with respect to the input is {@code dy / scale}, which saliency
 * maps need.
 *
 * <p>Shapes: input {@code [N, ...]} with {@code features} values per sample (an image
 * {@code [N, 1, 28, 28]} with 784), or one sample; the output has the input's shape.
 * Immutable once built; thread-safe for inference.
 */
public final class Normalization extends Module {
    /** How model files name this layer: {@code {"type":"normalization","features":4}} plus its buffers. */
    public static final LayerType<Normalization> TYPE = LayerType.of("normalization", Normalization.class,
            List.of("features"),
            layer -> LayerSpec.of("normalization").with("features", layer.features),
            (spec, random) -> new Normalization(spec.positiveInteger("features")))
            .withBuffers(Normalization::bufferShapes);

    private final int features;
    private final Tensor offset;
    private final Tensor scale;

    /** The identity normalisation of {@code features} values (offset 0, scale 1), to be loaded over. */
    public Normalization(int features) {
        this(new float[features], ones(features));
    }

    /**
     * Subtracts {@code offset} and divides by {@code scale}, one value per feature; zero scales
     * become 1. The arrays are copied.
     */
    public Normalization(float[] offset, float[] scale) {
        Validate.argument(offset.length == scale.length && offset.length > 0, "Normalization",
                "offset and scale of one length >= 1", "lengths " + offset.length + " and " + scale.length);
        float[] divisor = new float[scale.length];
        for (int j = 0; j < scale.length; j++) {
            Validate.argument(Float.isFinite(offset[j]) && Float.isFinite(scale[j]) && scale[j] >= 0, "Normalization",
                    "finite offsets and scales >= 0", "offset " + offset[j] + ", scale " + scale[j] + " at " + j);
            divisor[j] = scale[j] == 0f ? 1f : scale[j];
        }
        this.features = offset.length;
        this.offset = registerBuffer("offset", Tensor.wrap(offset.clone(), features));
        this.scale = registerBuffer("scale", Tensor.wrap(divisor, features));
    }

    /** As {@link #Normalization(float[], float[])} from double statistics (a fitted normaliser's). */
    public static Normalization of(double[] offset, double[] scale) {
        float[] o = new float[offset.length];
        float[] s = new float[scale.length];
        for (int j = 0; j < o.length; j++) {
            o[j] = (float) offset[j];
        }
        for (int j = 0; j < s.length; j++) {
            s[j] = (float) scale[j];
        }
        return new Normalization(o, s);
    }

    private static Map<String, int[]> bufferShapes(LayerSpec spec) {
        int features = spec.positiveInteger("features");
        Map<String, int[]> shapes = new LinkedHashMap<>();
        shapes.put("offset", new int[] {features});
        shapes.put("scale", new int[] {features});
        return shapes;
    }

    private static float[] ones(int count) {
        Validate.argument(count > 0, "Normalization", "features >= 1", count);
        float[] ones = new float[count];
        Arrays.fill(ones, 1f);
        return ones;
    }

    /** The number of values per sample. */
    public int features() {
        return features;
    }

    /** The offsets, a copy. */
    public float[] offset() {
        return offset.data().clone();
    }

    /** The scales (a zero scale already replaced by 1), a copy. */
    public float[] scale() {
        return scale.data().clone();
    }

    @Override
    public Tensor forward(Tensor input) {
        outputShape(input.shape());
        return new Scale(offset.data(), scale.data()).apply(input);
    }

    @Override
    public Shape outputShape(Shape input) {
        int[] dims = input.dims();
        long perSample = 1;
        for (int axis = 1; axis < dims.length; axis++) {
            perSample *= dims[axis];
        }
        boolean oneSample = dims.length == 1 && dims[0] == features;
        if (!oneSample && !(dims.length >= 2 && perSample == features)) {
            throw new IllegalArgumentException(Validate.message(toString(), "input [N, " + features + "] (or "
                    + features + " values per sample)", input));
        }
        return input;
    }

    /**
     * {@code null}: any sample shape with {@link #features()} values fits (rows or images), so a
     * model answers for the layer after this one ({@code [784]} for Dense, {@code [1, -1, -1]} for
     * Conv2d).
     */
    @Override
    public int[] sampleInputShape() {
        return null;
    }

    @Override
    protected String extraRepr() {
        return String.valueOf(features);
    }

    /** {@code y = (x - offset) / scale} per feature; backward {@code dx = dy / scale}. */
    private static final class Scale extends Op {
        private final float[] offset;
        private final float[] scale;

        Scale(float[] offset, float[] scale) {
            this.offset = offset;
            this.scale = scale;
        }

        @Override
        protected Tensor forward(Tensor... inputs) {
            float[] x = inputs[0].data();
            float[] y = new float[x.length];
            int features = offset.length;
            for (int i = 0; i < x.length; i++) {
                int j = i % features;
                y[i] = (x[i] - offset[j]) / scale[j];
            }
            return Tensor.wrap(y, inputs[0].shape().dims());
        }

        @Override
        protected Tensor[] backward(Tensor gradOutput) {
            float[] dy = gradOutput.data();
            float[] dx = new float[dy.length];
            int features = offset.length;
            for (int i = 0; i < dy.length; i++) {
                dx[i] = dy[i] / scale[i % features];
            }
            return new Tensor[] {Tensor.wrap(dx, gradOutput.shape().dims())};
        }

        @Override
        public String name() {
            return "normalization";
        }
    }
}
