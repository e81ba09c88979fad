package dev.dendrite.onnx;

import static dev.dendrite.onnx.GraphBuilder.floatAttribute;
import static dev.dendrite.onnx.GraphBuilder.intAttribute;
import static dev.dendrite.onnx.GraphBuilder.stringAttribute;

import dev.dendrite.nn.Module;
import dev.dendrite.nn.activation.BinaryStep;
import dev.dendrite.nn.activation.ELU;
import dev.dendrite.nn.activation.GELU;
import dev.dendrite.nn.activation.LeakyReLU;
import dev.dendrite.nn.activation.SiLU;
import dev.dendrite.nn.activation.Softmax;
import dev.dendrite.onnx.LayerConverter.Input;
import dev.dendrite.onnx.proto.Onnx.TensorProto;

/**
 * The ONNX form of each activation. Most are one operator; GELU before opset 20 and SiLU are
 * composed from primitives, written the way PyTorch's exporter writes them so the importer reads
 * both alike. Stateless.
 */
final class ActivationConverters {
    /** Opset 20 introduced the Gelu operator. */
    static final int GELU_OPSET = 20;
    static final float SQRT_2 = (float) Math.sqrt(2.0);
    static final float SQRT_2_OVER_PI = (float) Math.sqrt(2.0 / Math.PI);
    static final float GELU_CUBIC = 0.044715f;

    private ActivationConverters() {
    }

    /** An activation that is one ONNX operator with no attributes (Relu, Tanh, Sigmoid, ...). */
    static <T extends Module> LayerConverter<T> single(String opType) {
        return (layer, input, graph) -> graph.node(opType, input.path(), input.value());
    }

    static String leakyRelu(LeakyReLU layer, Input input, GraphBuilder graph) {
        return graph.node("LeakyRelu", input.path(), input.value(), floatAttribute("alpha", layer.alpha()));
    }

    static String elu(ELU layer, Input input, GraphBuilder graph) {
        return graph.node("Elu", input.path(), input.value(), floatAttribute("alpha", layer.alpha()));
    }

    static String softmax(Softmax layer, Input input, GraphBuilder graph) {
        return graph.node("Softmax", input.path(), input.value(), intAttribute("axis", layer.axis()));
    }

    /** {@code x >= 0 ? 1 : 0} as GreaterOrEqual then Cast to float; the straight-through flag only affects training. */
    static String binaryStep(BinaryStep layer, Input input, GraphBuilder graph) {
        String zero = graph.scalar(input.path() + ".zero", 0f);
        String step = graph.node("GreaterOrEqual", input.path(), new String[] {input.value(), zero});
        return graph.node("Cast", input.path(), step, intAttribute("to", TensorProto.DataType.FLOAT_VALUE));
    }

    /** {@code x * sigmoid(x)}: ONNX has no SiLU operator. */
    static String silu(SiLU layer, Input input, GraphBuilder graph) {
        String sigmoid = graph.node("Sigmoid", input.path(), input.value());
        return graph.node("Mul", input.path(), new String[] {input.value(), sigmoid});
    }

    /**
     * The Gelu operator from opset 20; before it, the exact form {@code x * (erf(x / sqrt 2) + 1) * 0.5}
     * as Div, Erf, Add, Mul, Mul, and the tanh form {@code x * (tanh(sqrt(2/pi) (x + 0.044715 x^3)) + 1) * 0.5}.
     */
    static String gelu(GELU layer, Input input, GraphBuilder graph) {
        boolean tanh = layer.approximation() == GELU.Approximation.TANH;
        String path = input.path();
        String x = input.value();
        if (graph.opset() >= GELU_OPSET) {
            return graph.node("Gelu", path, x, stringAttribute("approximate", tanh ? "tanh" : "none"));
        }
        String inner;
        if (tanh) {
            String cube = graph.node("Mul", path, new String[] {graph.node("Mul", path, new String[] {x, x}), x});
            String scaled = graph.node("Mul", path, new String[] {cube, graph.scalar(path + ".cubic", GELU_CUBIC)});
            String sum = graph.node("Add", path, new String[] {x, scaled});
            String argument = graph.node("Mul", path, new String[] {sum, graph.scalar(path + ".sqrt_2_over_pi",
                    SQRT_2_OVER_PI)});
            inner = graph.node("Tanh", path, argument);
        } else {
            String divided = graph.node("Div", path, new String[] {x, graph.scalar(path + ".sqrt_2", SQRT_2)});
            inner = graph.node("Erf", path, divided);
        }
        String plusOne = graph.node("Add", path, new String[] {inner, graph.scalar(path + ".one", 1f)});
        String product = graph.node("Mul", path, new String[] {x, plusOne});
        return graph.node("Mul", path, new String[] {product, graph.scalar(path + ".half", 0.5f)});
    }
}
