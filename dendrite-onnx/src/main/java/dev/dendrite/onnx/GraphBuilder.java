package dev.dendrite.onnx;

import com.google.protobuf.ByteString;
import dev.dendrite.onnx.proto.Onnx.AttributeProto;
import dev.dendrite.onnx.proto.Onnx.GraphProto;
import dev.dendrite.onnx.proto.Onnx.NodeProto;
import dev.dendrite.onnx.proto.Onnx.TensorProto;
import dev.dendrite.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.Set;

/**
 * The graph an export is writing: nodes in order, initializers, and unique value names. Converters
 * add nodes through it and never see protobuf builders for the graph itself.
 *
 * <p>Mutable and not thread-safe: one builder serves one export.
 */
public final class GraphBuilder {
    private final GraphProto.Builder graph;
    private final int opset;
    private final Set<String> names = new HashSet<>();

    GraphBuilder(GraphProto.Builder graph, int opset) {
        this.graph = graph;
        this.opset = opset;
    }

    /** The opset version of the default ONNX domain that the file declares. */
    public int opset() {
        return opset;
    }

    /** A value or node name that is not used yet, {@code base} itself if free, else {@code base_2}, ... */
    public String uniqueName(String base) {
        String name = base;
        for (int i = 2; !names.add(name); i++) {
            name = base + "_" + i;
        }
        return name;
    }

    /**
     * Adds a node of type {@code opType} named after {@code name} that reads {@code inputs} and
     * writes one new value; returns that value's name.
     */
    public String node(String opType, String name, String[] inputs, AttributeProto... attributes) {
        String output = uniqueName(name + "/" + opType + "_output");
        NodeProto.Builder node = NodeProto.newBuilder().setOpType(opType).setName(uniqueName(name + "/" + opType))
                .addOutput(output);
        for (String input : inputs) {
            node.addInput(input);
        }
        for (AttributeProto attribute : attributes) {
            node.addAttribute(attribute);
        }
        graph.addNode(node);
        return output;
    }

    /** {@link #node(String, String, String[], AttributeProto...)} for a node with one input. */
    public String node(String opType, String name, String input, AttributeProto... attributes) {
        return node(opType, name, new String[] {input}, attributes);
    }

    /** Adds {@code tensor} as an initializer called {@code name} (made unique); returns the name used. */
    public String initializer(String name, Tensor tensor) {
        String unique = uniqueName(name);
        graph.addInitializer(floatTensor(unique, tensor.data(), tensor.shape().dims()));
        return unique;
    }

    /** Adds a one-dimensional INT64 initializer (a shape for Reshape); returns the name used. */
    public String longs(String name, long... values) {
        String unique = uniqueName(name);
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(unique)
                .setDataType(TensorProto.DataType.INT64_VALUE).addDims(values.length);
        for (long value : values) {
            tensor.addInt64Data(value);
        }
        graph.addInitializer(tensor);
        return unique;
    }

    /** Adds a scalar float constant as an initializer; returns its name. */
    public String scalar(String name, float value) {
        String unique = uniqueName(name);
        graph.addInitializer(floatTensor(unique, new float[] {value}, new int[0]));
        return unique;
    }

    /** A FLOAT tensor with its values as little-endian raw data, which keeps every bit of every value. */
    static TensorProto floatTensor(String name, float[] values, int[] dims) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name)
                .setDataType(TensorProto.DataType.FLOAT_VALUE).setRawData(ByteString.copyFrom(bytes.array()));
        for (int dim : dims) {
            tensor.addDims(dim);
        }
        return tensor.build();
    }

    /** An integer attribute. */
    public static AttributeProto intAttribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    /** A list-of-integers attribute (kernel_shape, strides, pads, ...). */
    public static AttributeProto intsAttribute(String name, long... values) {
        AttributeProto.Builder attribute = AttributeProto.newBuilder().setName(name)
                .setType(AttributeProto.AttributeType.INTS);
        for (long value : values) {
            attribute.addInts(value);
        }
        return attribute.build();
    }

    /** A float attribute. */
    public static AttributeProto floatAttribute(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value)
                .build();
    }

    /** A string attribute. */
    public static AttributeProto stringAttribute(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(value)).build();
    }
}
