package dev.dendrite.nn;

import dev.dendrite.autograd.Op;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.nn.init.Constant;
import dev.dendrite.nn.init.He;
import dev.dendrite.nn.init.Initializer;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
import dev.dendrite.tensor.kernel.ConvGeometry;
import dev.dendrite.tensor.kernel.Convolution;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A 2-D convolution over a batch of images: each output channel slides a {@code kernel x kernel}
 * window of weights over every input channel and adds a bias,
 * {@code y[n, o, p, q] = b[o] + Σ_{c,i,j} W[o, c, i, j] · x[n, c, p·s - pad + i·d, q·s - pad + j·d]}
 * (cross-correlation, as PyTorch and ONNX compute it; pixels outside the image are zero).
 *
 * <p>Shapes: input {@code [N, in, H, W]} (NCHW), output {@code [N, out, H', W']} with
 * {@code H' = floor((H + 2·pad - d·(kernel - 1) - 1) / s) + 1}; a single image {@code [in, H, W]}
 * gives {@code [out, H', W']}. {@code padding = "same"} (stride 1 only) pads so that
 * {@code H' = H}, the extra pixel of an even kernel going after, as PyTorch does.
 *
 * <p>Parameters: {@code weight [out, in, kernel, kernel]}, He-uniform by default (suited to
 * ReLU networks), and {@code bias [out]}, zeros, unless built without bias. Forward and both
 * gradients run as matrix products over column matrices built a few images at a time ({@link Convolution}).
 * Mutable (training changes the parameters); see {@link Module} for threads.
 */
public final class Conv2d extends Module {
    /** How model files name this layer: {@code {"type":"conv","in":1,"out":32,"kernel":3,...}}. */
    public static final LayerType<Conv2d> TYPE = LayerType.of("conv", Conv2d.class,
            List.of("in", "out", "kernel", "stride", "padding", "dilation", "bias"),
            Conv2d::spec,
            (spec, random) -> new Conv2d(spec.positiveInteger("in"), spec.positiveInteger("out"),
                    spec.positiveInteger("kernel"), stride(spec), padding(spec), dilation(spec),
                    spec.flag("bias", true), He.uniform(), random),
            Conv2d::shapes).withLoader((spec, parameters, random) -> new Conv2d(parameters.get("weight"),
                    parameters.get("bias"), stride(spec), parsePadding(padding(spec)), dilation(spec)))
            .withListForms(ListForm.of("conv", "conv:OUT:K[:STRIDE[:PAD[:DILATION]]]", 2, 5, true, Conv2d::fromList));
    /** The padding value that means "same". */
    private static final int SAME = -1;

    private final int inChannels;
    private final int outChannels;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final int dilation;
    private final Tensor weight;
    private final Tensor bias;

    /** A convolution with stride 1, no padding, dilation 1, a bias, and He-uniform weights. */
    public Conv2d(int inChannels, int outChannels, int kernel, Random random) {
        this(inChannels, outChannels, kernel, 1, 0, 1, true, random);
    }

    /** A convolution with He-uniform weights and zero biases; {@code padding} is a number of pixels. */
    public Conv2d(int inChannels, int outChannels, int kernel, int stride, int padding, int dilation,
                  boolean bias, Random random) {
        this(inChannels, outChannels, kernel, stride, String.valueOf(padding), dilation, bias, He.uniform(),
                random);
    }

    /**
     * A convolution whose weights come from {@code weightInit} and whose biases are zeros.
     *
     * @param padding a number of pixels on every side, or {@code "same"}
     */
    public Conv2d(int inChannels, int outChannels, int kernel, int stride, String padding, int dilation,
                  boolean bias, Initializer weightInit, Random random) {
        this(weightInit.create(random, inChannels * kernel * kernel, outChannels * kernel * kernel,
                        checkedDims(inChannels, outChannels, kernel)),
                bias ? Constant.zeros().create(random, inChannels, outChannels, outChannels) : null,
                stride, parsePadding(padding), dilation);
    }

    /** A convolution around {@code weight [out, in, k, k]} and {@code bias [out]} or null (not copied). */
    public Conv2d(Tensor weight, Tensor bias, int stride, int padding, int dilation) {
        int[] w = weight.shape().dims();
        Validate.argument(w.length == 4 && w[2] == w[3] && (bias == null || bias.shape().equals(Shape.of(w[0]))),
                "Conv2d", "weight [out, in, k, k] and bias [out] or none",
                "weight " + weight.shape() + (bias == null ? " and no bias" : " and bias " + bias.shape()));
        Validate.argument(stride > 0 && dilation > 0, "Conv2d", "stride > 0 and dilation > 0",
                "stride " + stride + ", dilation " + dilation);
        Validate.argument(padding >= 0 || (padding == SAME && stride == 1), "Conv2d",
                "padding >= 0, or \"same\" with stride 1", (padding == SAME ? "\"same\"" : padding)
                        + " with stride " + stride);
        this.outChannels = w[0];
        this.inChannels = w[1];
        this.kernel = w[2];
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
        this.weight = registerParameter("weight", weight);
        this.bias = bias == null ? null : registerParameter("bias", bias);
    }

    private static int[] checkedDims(int in, int out, int kernel) {
        Validate.argument(in > 0 && out > 0 && kernel > 0, "Conv2d", "positive in, out and kernel",
                "in " + in + ", out " + out + ", kernel " + kernel);
        return new int[] {out, in, kernel, kernel};
    }

    static int parsePadding(String padding) {
        String text = padding.trim().toLowerCase(java.util.Locale.ROOT);
        if (text.equals("same")) {
            return SAME;
        }
        if (text.equals("valid")) {
            return 0;
        }
        try {
            int value = Integer.parseInt(text);
            Validate.argument(value >= 0, "Conv2d", "padding >= 0 or \"same\"", value);
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(Validate.message("Conv2d", "padding as a number, \"same\" or \"valid\"",
                    "\"" + padding + "\""), e);
        }
    }

    /** The weight {@code [out, in, kernel, kernel]}. */
    public Tensor weight() {
        return weight;
    }

    /** The bias {@code [out]}, or null when the layer has none. */
    public Tensor bias() {
        return bias;
    }

    /** Input channels. */
    public int inChannels() {
        return inChannels;
    }

    /** Output channels (filters). */
    public int outChannels() {
        return outChannels;
    }

    /** The window's side. */
    public int kernel() {
        return kernel;
    }

    /** The step between windows. */
    public int stride() {
        return stride;
    }

    /** The padding on every side, or -1 for "same". */
    public int padding() {
        return padding;
    }

    /** The step between window taps. */
    public int dilation() {
        return dilation;
    }

    /** The window geometry for an input of {@code height x width}. */
    ConvGeometry geometry(int height, int width) {
        if (padding == SAME) {
            int total = dilation * (kernel - 1);
            return ConvGeometry.of(inChannels, height, width, kernel, stride, dilation, total / 2, total - total / 2);
        }
        return ConvGeometry.of(inChannels, height, width, kernel, stride, dilation, padding, padding);
    }

    /** {@code conv:OUT:K[:STRIDE[:PAD[:DILATION]]]} on {@code input}: its channels come in, He-uniform weights. */
    private static Conv2d fromList(ListForm.Arguments args, Shape input, Random random) {
        Validate.argument(input.rank() == 4, "conv", "images [N, C, H, W] (data with an image shape)", input);
        return new Conv2d(input.dim(1), args.integer(0), args.integer(1), args.integer(2, 1), args.text(3, "0"),
                args.integer(4, 1), true, He.uniform(), random);
    }

    @Override
    public Tensor forward(Tensor input) {
        return forward(input, false, null);
    }

    /**
     * A following {@link ReLU}, {@link MaxPool2d}, or both in that order, applied as the
     * convolution writes each group of images' output (see {@link Convolution#forwardPooled}): the
     * layer's whole output never goes through memory, only what the pooling keeps.
     */
    @Override
    public Fused forwardFused(Tensor input, List<Module> following) {
        boolean relu = !following.isEmpty() && following.get(0) instanceof ReLU;
        int next = relu ? 1 : 0;
        MaxPool2d pool = following.size() > next && following.get(next) instanceof MaxPool2d p ? p : null;
        if (!relu && pool == null) {
            return null;
        }
        ConvGeometry poolGeometry = pool == null ? null : poolGeometry(input.shape(), pool);
        if (poolGeometry == null) {
            return relu ? new Fused(forward(input, true, null), 1) : null;
        }
        return new Fused(forward(input, relu, poolGeometry), next + 1);
    }

    /** The pooling's geometry over this layer's output for {@code input}, or null where either cannot take it. */
    private ConvGeometry poolGeometry(Shape input, MaxPool2d pool) {
        if (input.rank() < 3) {
            return null; // forward says what it expected
        }
        try {
            ConvGeometry g = geometry(input.dim(input.rank() - 2), input.dim(input.rank() - 1));
            return pool.geometry(Shape.of(1, outChannels, g.outHeight(), g.outWidth()));
        } catch (IllegalArgumentException e) {
            return null; // left to the layers themselves, which say what they expected
        }
    }

    /** The convolution, through ReLU when {@code relu} is set, then max-pooled when {@code pool} is not null. */
    private Tensor forward(Tensor input, boolean relu, ConvGeometry pool) {
        boolean single = input.rank() == 3;
        Tensor batch = single ? input.reshape(1, input.shape().dim(0), input.shape().dim(1), input.shape().dim(2))
                : input;
        int[] dims = ImageShapes.images(this, batch.shape(), inChannels);
        ConvGeometry g = checkedGeometry(dims, batch.shape());
        int outHeight = pool == null ? g.outHeight() : pool.outHeight();
        int outWidth = pool == null ? g.outWidth() : pool.outWidth();
        // Without gradients, apply runs the op and records nothing.
        ConvolutionOp op = new ConvolutionOp(g, outChannels, relu, pool);
        Tensor output = bias == null ? op.apply(batch, weight) : op.apply(batch, weight, bias);
        return single ? output.reshape(outChannels, outHeight, outWidth) : output;
    }

    private ConvGeometry checkedGeometry(int[] dims, Shape shape) {
        try {
            return geometry(dims[2], dims[3]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(this + ": expected an image at least as large as the window, got "
                    + shape, e);
        }
    }

    @Override
    public Shape outputShape(Shape input) {
        int[] dims = ImageShapes.images(this, input, inChannels);
        ConvGeometry g = checkedGeometry(dims, input);
        return Shape.of(dims[0], outChannels, g.outHeight(), g.outWidth());
    }

    @Override
    public int[] sampleInputShape() {
        return new int[] {inChannels, -1, -1};
    }

    @Override
    protected String extraRepr() {
        return inChannels + ", " + outChannels + ", kernel=" + kernel + ", stride=" + stride + ", padding="
                + (padding == SAME ? "same" : String.valueOf(padding)) + ", dilation=" + dilation
                + ", bias=" + (bias != null);
    }

    private static LayerSpec spec(Conv2d layer) {
        LayerSpec spec = LayerSpec.of("conv").with("in", layer.inChannels).with("out", layer.outChannels)
                .with("kernel", layer.kernel).with("stride", layer.stride);
        spec = layer.padding == SAME ? spec.with("padding", "same") : spec.with("padding", layer.padding);
        return spec.with("dilation", layer.dilation).with("bias", layer.bias != null);
    }

    private static int stride(LayerSpec spec) {
        return spec.fields().containsKey("stride") ? spec.positiveInteger("stride") : 1;
    }

    private static int dilation(LayerSpec spec) {
        return spec.fields().containsKey("dilation") ? spec.positiveInteger("dilation") : 1;
    }

    /** The spec's padding as the text constructors take: a number, "same" or "valid". */
    private static String padding(LayerSpec spec) {
        Object value = spec.fields().get("padding");
        if (value instanceof String text) {
            return text;
        }
        return value == null ? "0" : String.valueOf(spec.integer("padding"));
    }

    private static Map<String, int[]> shapes(LayerSpec spec) {
        int in = spec.positiveInteger("in");
        int out = spec.positiveInteger("out");
        int kernel = spec.positiveInteger("kernel");
        Validate.argument((long) in * out * kernel * kernel <= Integer.MAX_VALUE - 8, "layer 'conv'",
                "in * out * kernel² <= " + (Integer.MAX_VALUE - 8), in + " * " + out + " * " + kernel + "²");
        Map<String, int[]> shapes = new LinkedHashMap<>();
        shapes.put("weight", new int[] {out, in, kernel, kernel});
        if (spec.flag("bias", true)) {
            shapes.put("bias", new int[] {out});
        }
        return shapes;
    }

    /**
     * The convolution as one op, with the ReLU and max pooling after it when fused. Backward builds
     * each group's columns again from the input, kept by the op, rather than keeping the column
     * matrix (K times the input) from forward; a fused ReLU's gradient mask comes from the output,
     * and a fused pooling's gradient from its argmax, kept too.
     */
    private static final class ConvolutionOp extends Op {
        private final ConvGeometry g;
        private final int outChannels;
        private final boolean relu;
        private final ConvGeometry pool;
        private Tensor x;
        private Tensor w;
        private float[] y;
        private int[] argmax;
        private int batch;

        ConvolutionOp(ConvGeometry g, int outChannels, boolean relu, ConvGeometry pool) {
            this.g = g;
            this.outChannels = outChannels;
            this.relu = relu;
            this.pool = pool;
        }

        @Override
        protected Tensor forward(Tensor... inputs) {
            x = inputs[0];
            batch = x.shape().dim(0);
            w = inputs[1];
            float[] b = inputs.length > 2 ? inputs[2].data() : null;
            if (pool == null) {
                y = Convolution.forward(x.data(), batch, g, w.data(), outChannels, b, relu);
                return Tensor.wrap(y, batch, outChannels, g.outHeight(), g.outWidth());
            }
            y = new float[batch * outChannels * pool.outPlane()];
            argmax = new int[y.length];
            Convolution.forwardPooled(x.data(), batch, g, w.data(), outChannels, b, relu, pool, y, argmax);
            return Tensor.wrap(y, batch, outChannels, pool.outHeight(), pool.outWidth());
        }

        @Override
        protected Tensor[] backward(Tensor gradOutput) {
            Tensor[] grads = new Tensor[inputs().length];
            float[] dx = needsGradient(0) ? new float[batch * g.inputSize()] : null;
            float[] dw = needsGradient(1) ? gradientArray(1, w.size()) : null;
            float[] db = grads.length > 2 && needsGradient(2) ? gradientArray(2, outChannels) : null;
            if (pool == null) {
                Convolution.backward(x.data(), gradOutput.data(), relu ? y : null, batch, g, w.data(), outChannels,
                        dx, dw, db);
            } else {
                Convolution.backwardPooled(x.data(), gradOutput.data(), y, argmax, relu, batch, g, pool, w.data(),
                        outChannels, dx, dw, db);
            }
            if (dx != null) {
                grads[0] = Tensor.wrap(dx, batch, g.channels(), g.height(), g.width());
            }
            if (dw != null) {
                grads[1] = Tensor.wrap(dw, w.shape().dims());
            }
            if (db != null) {
                grads[2] = Tensor.wrap(db, outChannels);
            }
            return grads;
        }

        /** Every gradient is a new array or its input's forgotten one, written whole. */
        @Override
        protected boolean returnsFreshGradients() {
            return true;
        }

        @Override
        public String name() {
            return "conv" + (relu ? "+relu" : "") + (pool != null ? "+maxpool" : "");
        }
    }
}
