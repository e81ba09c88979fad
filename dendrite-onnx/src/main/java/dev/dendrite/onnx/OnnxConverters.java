package dev.dendrite.onnx;

import static dev.dendrite.onnx.GraphBuilder.intAttribute;

import dev.dendrite.nn.AvgPool2d;
import dev.dendrite.nn.BatchNorm1d;
import dev.dendrite.nn.BatchNorm2d;
import dev.dendrite.nn.Conv2d;
import dev.dendrite.nn.Dense;
import dev.dendrite.nn.Dropout;
import dev.dendrite.nn.Dropout2d;
import dev.dendrite.nn.Flatten;
import dev.dendrite.nn.GlobalAvgPool2d;
import dev.dendrite.nn.MaxPool2d;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Normalization;
import dev.dendrite.nn.Reshape;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.BinaryStep;
import dev.dendrite.nn.activation.ELU;
import dev.dendrite.nn.activation.GELU;
import dev.dendrite.nn.activation.Identity;
import dev.dendrite.nn.activation.LeakyReLU;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.nn.activation.SiLU;
import dev.dendrite.nn.activation.Sigmoid;
import dev.dendrite.nn.activation.Softmax;
import dev.dendrite.nn.activation.Softplus;
import dev.dendrite.nn.activation.Tanh;
import dev.dendrite.onnx.LayerConverter.Input;
import dev.dendrite.tensor.Shape;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Which {@link LayerConverter} exports which layer class: one registration line per layer. A layer
 * class with no converter cannot be exported, and the error names the ones that can.
 *
 * <p>Thread-safe: registrations may happen at any time and take effect for later exports.
 */
public final class OnnxConverters {
    private static final Map<Class<? extends Module>, LayerConverter<?>> CONVERTERS = new ConcurrentHashMap<>();

    static {
        register(Sequential.class, OnnxConverters::sequential);
        register(Dense.class, OnnxConverters::dense);
        register(Dropout.class, (layer, input, graph) -> graph.node("Identity", input.path(), input.value()));
        register(Identity.class, ActivationConverters.single("Identity"));
        register(ReLU.class, ActivationConverters.single("Relu"));
        register(Tanh.class, ActivationConverters.single("Tanh"));
        register(Sigmoid.class, ActivationConverters.single("Sigmoid"));
        register(Softplus.class, ActivationConverters.single("Softplus"));
        register(LeakyReLU.class, ActivationConverters::leakyRelu);
        register(ELU.class, ActivationConverters::elu);
        register(Softmax.class, ActivationConverters::softmax);
        register(BinaryStep.class, ActivationConverters::binaryStep);
        register(SiLU.class, ActivationConverters::silu);
        register(GELU.class, ActivationConverters::gelu);
        register(Normalization.class, ImageConverters::normalization);
        register(Conv2d.class, ImageConverters::conv);
        register(MaxPool2d.class, ImageConverters::maxPool);
        register(AvgPool2d.class, ImageConverters::avgPool);
        register(GlobalAvgPool2d.class, (layer, input, graph) -> ImageConverters.globalAvgPool(input, graph));
        register(Flatten.class, ImageConverters::flatten);
        register(Reshape.class, ImageConverters::reshape);
        register(BatchNorm1d.class, ImageConverters::batchNorm);
        register(BatchNorm2d.class, ImageConverters::batchNorm);
        register(Dropout2d.class, (layer, input, graph) -> graph.node("Identity", input.path(), input.value()));
    }

    private OnnxConverters() {
    }

    /** Makes {@code converter} the exporter of layers of exactly class {@code type}, replacing any earlier one. */
    public static <T extends Module> void register(Class<T> type, LayerConverter<? super T> converter) {
        CONVERTERS.put(type, converter);
    }

    /** The simple names of the layer classes that can be exported, sorted. */
    public static List<String> supported() {
        return CONVERTERS.keySet().stream().map(Class::getSimpleName).collect(Collectors.toCollection(TreeSet::new))
                .stream().toList();
    }

    /**
     * Writes {@code layer} applied to {@code input}; returns the output value's name.
     *
     * @throws IllegalArgumentException if the layer's class has no converter
     */
    @SuppressWarnings("unchecked")
    static String convert(Module layer, Input input, GraphBuilder graph) {
        LayerConverter<Module> converter = (LayerConverter<Module>) CONVERTERS.get(layer.getClass());
        if (converter == null) {
            throw new IllegalArgumentException("onnx export: expected a layer with an ONNX converter (one of "
                    + String.join(", ", supported()) + "), got " + layer.getClass().getSimpleName() + " at "
                    + input.path());
        }
        return converter.convert(layer, input, graph);
    }

    /** {@code y = x·W + b} as Gemm; Dendrite's weight is already {@code [in, out]}, so transB = 0. */
    private static String dense(Dense layer, Input input, GraphBuilder graph) {
        String weight = graph.initializer(input.path() + ".weight", layer.weight());
        String bias = graph.initializer(input.path() + ".bias", layer.bias());
        return graph.node("Gemm", input.path(), new String[] {input.value(), weight, bias}, intAttribute("transB", 0));
    }

    /** A nested Sequential is its layers in a row; its layers' paths extend its own. */
    private static String sequential(Sequential model, Input input, GraphBuilder graph) {
        String value = input.value();
        Shape shape = input.shape();
        String prefix = input.path().isEmpty() ? "" : input.path() + ".";
        List<Module> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            Module layer = layers.get(i);
            String path = prefix + "layers." + i;
            value = convert(layer, new Input(value, path, shape), graph);
            try {
                shape = layer.outputShape(shape);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
            }
        }
        return value;
    }
}
