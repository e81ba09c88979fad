package dev.dendrite.nn;

import dev.dendrite.autograd.Op;
import dev.dendrite.nn.activation.ElementwiseActivation;
import dev.dendrite.nn.init.Constant;
import dev.dendrite.nn.init.He;
import dev.dendrite.nn.init.Initializer;
import dev.dendrite.nn.init.Xavier;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
import dev.dendrite.tensor.kernel.Gemm;
import dev.dendrite.tensor.kernel.Reduce;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A fully connected layer: every output is a neuron that sees every input,
 * {@code y = x·W + b}.
 *
 * <p><b>Weight layout.</b> {@code weight} has shape {@code [inFeatures, outFeatures]}: column j
 * holds neuron j's weights. This is the transpose of PyTorch's {@code Linear.weight} and of the
 * article's per-neuron rows; it lets the forward product read both operands row by row. Use
 * {@link #fromNeuronRows} to build a layer from per-neuron weight lists as the article writes them.
 * {@code bias} has shape {@code [outFeatures]}.
 *
 * <p>Shapes: input {@code [N, inFeatures]} (or a single sample {@code [inFeatures]}), output
 * {@code [N, outFeatures]} (or {@code [outFeatures]}).
 *
 * <p>Defaults: Xavier-uniform weights, zero biases. Mutable (training changes the parameters).
 */
public final class Dense extends Module {
    /** How model files name and rebuild this layer: {@code {"type":"dense","in":784,"out":256}}. */
    public static final LayerType<Dense> TYPE = LayerType.of("dense", Dense.class, List.of("in", "out"),
            dense -> LayerSpec.of("dense").with("in", dense.inFeatures()).with("out", dense.outFeatures()),
            (spec, random) -> {
                int[] weight = shapes(spec).get("weight");
                return new Dense(weight[0], weight[1], random);
            },
            Dense::shapes).withLoader((spec, parameters, random) ->
                    new Dense(parameters.get("weight"), parameters.get("bias")))
            .withListForms(ListForm.of("dense", "dense:OUT", 1, 1, false, Dense::fromList));
    /** The largest Java array, so a spec cannot ask for a weight matrix no array can hold. */
    private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private final int inFeatures;
    private final int outFeatures;
    private final Tensor weight;
    private final Tensor bias;

    /** A layer with Xavier-uniform weights drawn from {@code random} and zero biases. */
    public Dense(int inFeatures, int outFeatures, Random random) {
        this(inFeatures, outFeatures, Xavier.uniform(), Constant.zeros(), random);
    }

    /** A layer whose weights and biases come from the given initialisers. */
    public Dense(int inFeatures, int outFeatures, Initializer weightInit, Initializer biasInit, Random random) {
        this(weightInit.create(random, inFeatures, outFeatures, inFeatures, outFeatures),
                biasInit.create(random, inFeatures, outFeatures, outFeatures));
    }

    /** A layer with the given weight {@code [in, out]} and bias {@code [out]} (used as is, not copied). */
    public Dense(Tensor weight, Tensor bias) {
        if (weight.rank() != 2 || bias.rank() != 1 || bias.shape().dim(0) != weight.shape().dim(1)) {
            throw Validate.fail("Dense", "weight [in, out] and bias [out]",
                    "weight " + weight.shape() + " and bias " + bias.shape());
        }
        this.inFeatures = weight.shape().dim(0);
        this.outFeatures = weight.shape().dim(1);
        this.weight = registerParameter("weight", weight);
        this.bias = registerParameter("bias", bias);
    }

    /** A layer from one row of weights per neuron, as the article writes them, and one bias per neuron. */
    public static Dense fromNeuronRows(float[][] neuronWeights, float[] biases) {
        Tensor perNeuron = Tensor.matrix(neuronWeights);
        return new Dense(perNeuron.transpose().detach().copy(), Tensor.vector(biases));
    }

    /** The weight matrix {@code [inFeatures, outFeatures]}. */
    public Tensor weight() {
        return weight;
    }

    /** The bias vector {@code [outFeatures]}. */
    public Tensor bias() {
        return bias;
    }

    /** The number of inputs per sample. */
    public int inFeatures() {
        return inFeatures;
    }

    /** The number of outputs (neurons). */
    public int outFeatures() {
        return outFeatures;
    }

    /**
     * {@code dense:OUT} on flat input {@code [N, F]}: He-uniform weights when a ReLU-family
     * activation follows, else Xavier-uniform; zero biases.
     */
    private static Dense fromList(ListForm.Arguments args, Shape input, Random random) {
        Validate.argument(input.rank() == 2, "dense", "flat input [N, F] (add 'flatten' before it)", input);
        return new Dense(input.dim(1), args.integer(0), args.reluNext() ? He.uniform() : Xavier.uniform(),
                Constant.zeros(), random);
    }

    @Override
    public Tensor forward(Tensor input) {
        boolean single = input.rank() == 1;
        Tensor batch = single ? input.reshape(1, -1) : input;
        if (batch.rank() != 2 || batch.shape().dim(1) != inFeatures) {
            throw Validate.fail(toString(), "input [N, " + inFeatures + "]", input.shape());
        }
        Tensor output = new Affine(null).apply(batch, weight, bias);
        return single ? output.reshape(outFeatures) : output;
    }

    /**
     * Applies an element-wise activation that follows this layer (ReLU, sigmoid, tanh and the
     * others) in the same op, on a batch {@code [N, inFeatures]}: one op, one output array and one
     * graph node a layer instead of two. In a small network (batch 50, layers of 16 and 32) that
     * bookkeeping costs more than the arithmetic. The op runs the activation's own bulk kernels on
     * the layer's output, so the bits are those of the two layers applied one after the other.
     */
    @Override
    public Fused forwardFused(Tensor input, List<Module> following) {
        if (input.rank() != 2 || following.isEmpty() || !(following.get(0) instanceof ElementwiseActivation)) {
            return null;
        }
        if (input.shape().dim(1) != inFeatures) {
            throw Validate.fail(toString(), "input [N, " + inFeatures + "]", input.shape());
        }
        ElementwiseActivation activation = (ElementwiseActivation) following.get(0);
        return new Fused(new Affine(activation).apply(input, weight, bias), 1);
    }

    private static Map<String, int[]> shapes(LayerSpec spec) {
        int in = spec.positiveInteger("in");
        int out = spec.positiveInteger("out");
        Validate.argument((long) in * out <= MAX_ELEMENTS, "layer 'dense'", "in * out <= " + MAX_ELEMENTS,
                in + " * " + out);
        Map<String, int[]> shapes = new LinkedHashMap<>();
        shapes.put("weight", new int[] {in, out});
        shapes.put("bias", new int[] {out});
        return shapes;
    }

    @Override
    public Shape outputShape(Shape input) {
        int[] dims = input.dims();
        if (dims.length < 1 || dims.length > 2 || dims[dims.length - 1] != inFeatures) {
            throw Validate.fail(toString(), "input [N, " + inFeatures + "]", input);
        }
        dims[dims.length - 1] = outFeatures;
        return Shape.of(dims);
    }

    @Override
    public int[] sampleInputShape() {
        return new int[] {inFeatures};
    }

    @Override
    protected String extraRepr() {
        return inFeatures + " -> " + outFeatures;
    }

    /**
     * {@code y = x·W + b} as one op, so the bias add needs no broadcast tensor and backward is the
     * three textbook products: {@code dX = dY·Wᵀ}, {@code dW = xᵀ·dY}, {@code db = Σ_rows dY}.
     * With an activation {@code f} it returns {@code f(x·W + b)}, and backward first turns dY into
     * the gradient of {@code x·W + b} as the activation's own op would.
     */
    private static final class Affine extends Op {
        /** The activation applied to the output, or null. */
        private final ElementwiseActivation activation;
        private Tensor x;
        private Tensor w;
        private int rows;
        private int in;
        private int out;
        /** With an activation: its input {@code x·W + b} and its output. */
        private float[] preActivation;
        private float[] activated;

        Affine(ElementwiseActivation activation) {
            this.activation = activation;
        }

        @Override
        protected Tensor forward(Tensor... inputs) {
            x = inputs[0];
            w = inputs[1];
            float[] b = inputs[2].data();
            rows = x.shape().dim(0);
            in = w.shape().dim(0);
            out = w.shape().dim(1);
            float[] y = new float[rows * out];
            // The bias in every row, copying the rows already filled: one copy per row cost a
            // call each, 250 a step in the series' small network.
            System.arraycopy(b, 0, y, 0, Math.min(out, y.length));
            for (int filled = out; filled < y.length; ) {
                int count = Math.min(filled, y.length - filled);
                System.arraycopy(y, 0, y, filled, count);
                filled += count;
            }
            Gemm.multiply(rows, out, in, x.data(), 0, false, w.data(), 0, false, y, 0, true);
            if (activation == null) {
                return Tensor.wrap(y, rows, out);
            }
            preActivation = y;
            activated = new float[y.length];
            activation.values(preActivation, activated);
            return Tensor.wrap(activated, rows, out);
        }

        @Override
        protected Tensor[] backward(Tensor gradOutput) {
            float[] dy = gradOutput.data();
            if (activation == null) {
                return products(dy);
            }
            float[] dz = new float[dy.length];
            activation.gradients(preActivation, activated, dy, dz);
            return products(dz);
        }

        /** The incoming gradient is fresh: the activation's gradient may be written over it. */
        @Override
        protected Tensor[] backwardOverwriting(Tensor gradOutput) {
            if (activation == null || !activation.gradientsInPlace()) {
                return backward(gradOutput);
            }
            float[] dy = gradOutput.data();
            activation.gradients(preActivation, activated, dy, dy);
            return products(dy);
        }

        /** dX, dW and db from {@code dz}, the gradient of {@code x·W + b}. */
        private Tensor[] products(float[] dz) {
            Tensor dx = null;
            if (needsGradient(0)) {
                float[] g = new float[rows * in];
                Gemm.multiply(rows, in, out, dz, 0, false, w.data(), 0, true, g, 0, false);
                dx = Tensor.wrap(g, rows, in);
            }
            Tensor dw = null;
            if (needsGradient(1)) {
                float[] g = gradientArray(1, in * out);
                Gemm.multiply(in, out, rows, x.data(), 0, true, dz, 0, false, g, 0, false);
                dw = Tensor.wrap(g, in, out);
            }
            float[] db = gradientArray(2, out);
            Reduce.sum(dz, 1, rows, out, db);
            return new Tensor[] {dx, dw, Tensor.wrap(db, out)};
        }

        /**
         * dX, dW and db are new arrays, or the parameters' own forgotten gradient arrays, so
         * Backward may give dW and db to the parameters as they are.
         */
        @Override
        protected boolean returnsFreshGradients() {
            return true;
        }

        @Override
        public String name() {
            return activation == null ? "dense" : "dense+" + activation.name();
        }
    }
}
