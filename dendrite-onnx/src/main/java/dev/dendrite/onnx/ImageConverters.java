package dev.dendrite.onnx;

import static dev.dendrite.onnx.GraphBuilder.floatAttribute;
import static dev.dendrite.onnx.GraphBuilder.intAttribute;
import static dev.dendrite.onnx.GraphBuilder.intsAttribute;

import dev.dendrite.nn.AvgPool2d;
import dev.dendrite.nn.BatchNorm;
import dev.dendrite.nn.Conv2d;
import dev.dendrite.nn.Flatten;
import dev.dendrite.nn.MaxPool2d;
import dev.dendrite.nn.Normalization;
import dev.dendrite.nn.Reshape;
import dev.dendrite.onnx.LayerConverter.Input;
import dev.dendrite.onnx.proto.Onnx.AttributeProto;
import dev.dendrite.tensor.Tensor;
import java.util.Arrays;

/**
 * The ONNX form of the image layers, the reshaping layers, batch normalisation and feature
 * scaling. Image tensors are {@code [N, C, H, W]} in both Dendrite and ONNX, and Dendrite's
 * convolution weight {@code [out, in, k, k]} is ONNX's {@code W} as it is. Stateless.
 */
final class ImageConverters {
    private ImageConverters() {
    }

    /**
     * {@code Div(Sub(x, offset), scale)} with offset and scale shaped as one sample ({@code [784]}
     * for rows, {@code [1, 28, 28]} for images), so that they broadcast over the batch.
     */
    static String normalization(Normalization layer, Input input, GraphBuilder graph) {
        int[] dims = input.shape().dims();
        int[] sample = dims.length == 1 ? dims : Arrays.copyOfRange(dims, 1, dims.length);
        String path = input.path();
        String offset = graph.initializer(path + ".offset", Tensor.wrap(layer.offset(), sample));
        String scale = graph.initializer(path + ".scale", Tensor.wrap(layer.scale(), sample));
        String centred = graph.node("Sub", path, new String[] {input.value(), offset});
        return graph.node("Div", path, new String[] {centred, scale});
    }

    /**
     * Conv with the layer's kernel, stride, dilation and padding; "same" padding becomes explicit
     * pads, the extra pixel of an odd total going to the bottom and right as Dendrite places it.
     */
    static String conv(Conv2d layer, Input input, GraphBuilder graph) {
        int k = layer.kernel();
        int before = layer.padding();
        int after = before;
        if (before < 0) { // "same"
            int total = layer.dilation() * (k - 1);
            before = total / 2;
            after = total - before;
        }
        String path = input.path();
        String weight = graph.initializer(path + ".weight", layer.weight());
        String[] inputs = layer.bias() == null ? new String[] {input.value(), weight}
                : new String[] {input.value(), weight, graph.initializer(path + ".bias", layer.bias())};
        return graph.node("Conv", path, inputs, intsAttribute("kernel_shape", k, k),
                intsAttribute("strides", layer.stride(), layer.stride()),
                intsAttribute("dilations", layer.dilation(), layer.dilation()),
                intsAttribute("pads", before, before, after, after));
    }

    /** MaxPool; padding never wins a maximum, as in ONNX. */
    static String maxPool(MaxPool2d layer, Input input, GraphBuilder graph) {
        return pool("MaxPool", layer.kernel(), layer.stride(), layer.padding(), input, graph);
    }

    /** AveragePool with {@code count_include_pad = 1}: Dendrite divides by kernel² with padding as zeros. */
    static String avgPool(AvgPool2d layer, Input input, GraphBuilder graph) {
        return pool("AveragePool", layer.kernel(), layer.stride(), layer.padding(), input, graph);
    }

    private static String pool(String opType, int kernel, int stride, int padding, Input input, GraphBuilder graph) {
        AttributeProto[] window = new AttributeProto[] {intsAttribute("kernel_shape", kernel, kernel),
                intsAttribute("strides", stride, stride), intsAttribute("pads", padding, padding, padding, padding),
                intAttribute("count_include_pad", 1)};
        int count = opType.equals("AveragePool") ? window.length : window.length - 1;
        return graph.node(opType, input.path(), new String[] {input.value()}, Arrays.copyOf(window, count));
    }

    /** GlobalAveragePool gives {@code [N, C, 1, 1]}; Dendrite's layer gives {@code [N, C]}, so a Flatten follows. */
    static String globalAvgPool(Input input, GraphBuilder graph) {
        String pooled = graph.node("GlobalAveragePool", input.path(), input.value());
        return graph.node("Flatten", input.path(), pooled, intAttribute("axis", 1));
    }

    /** Flatten with axis 1: {@code [N, d1, d2, ...]} to {@code [N, d1·d2·...]}. */
    static String flatten(Flatten layer, Input input, GraphBuilder graph) {
        return graph.node("Flatten", input.path(), input.value(), intAttribute("axis", 1));
    }

    /**
     * Reshape to {@code [0, ...sample]}: 0 keeps the (dynamic) batch size and a -1 of the layer is
     * written as the size it resolves to for this input.
     */
    static String reshape(Reshape layer, Input input, GraphBuilder graph) {
        int[] out = layer.outputShape(input.shape()).dims();
        long[] target = new long[out.length];
        for (int i = 1; i < out.length; i++) {
            target[i] = out[i];
        }
        String shape = graph.longs(input.path() + ".shape", target);
        return graph.node("Reshape", input.path(), new String[] {input.value(), shape});
    }

    /**
     * BatchNormalization in inference form: the running mean and variance, γ, β and epsilon. The
     * exported model computes what the layer computes in eval mode whatever mode it is in.
     */
    static String batchNorm(BatchNorm layer, Input input, GraphBuilder graph) {
        String path = input.path();
        String scale = graph.initializer(path + ".weight", layer.weight());
        String bias = graph.initializer(path + ".bias", layer.bias());
        String mean = graph.initializer(path + ".running_mean", layer.runningMean());
        String variance = graph.initializer(path + ".running_var", layer.runningVar());
        return graph.node("BatchNormalization", path, new String[] {input.value(), scale, bias, mean, variance},
                floatAttribute("epsilon", layer.eps()), floatAttribute("momentum", onnxMomentum(layer.momentum())));
    }

    /** ONNX's momentum weighs the running value: {@code 1 - momentum} of Dendrite's (and PyTorch's). */
    static float onnxMomentum(float momentum) {
        return (float) (1.0 - momentum);
    }
}
