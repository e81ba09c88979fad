package dev.dendrite.onnx;

import com.google.protobuf.ByteString;
import dev.dendrite.onnx.proto.Onnx.AttributeProto;
import dev.dendrite.onnx.proto.Onnx.GraphProto;
import dev.dendrite.onnx.proto.Onnx.ModelProto;
import dev.dendrite.onnx.proto.Onnx.NodeProto;
import dev.dendrite.onnx.proto.Onnx.OperatorSetIdProto;
import dev.dendrite.onnx.proto.Onnx.TensorProto;
import dev.dendrite.onnx.proto.Onnx.TensorShapeProto;
import dev.dendrite.onnx.proto.Onnx.TypeProto;
import dev.dendrite.onnx.proto.Onnx.ValueInfoProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Builds ONNX graphs by hand for import tests, in the shapes other exporters write. Mutable builder. */
final class TestGraphs {
    private final GraphProto.Builder graph = GraphProto.newBuilder().setName("test");
    private final Random random;
    private int counter;

    TestGraphs(long seed) {
        random = new Random(seed);
    }

    /** Adds a node with one output named after it; returns the output's name. */
    String node(String opType, List<String> inputs, AttributeProto... attributes) {
        String name = opType.toLowerCase() + "_" + counter++;
        graph.addNode(NodeProto.newBuilder().setOpType(opType).setName(name).addAllInput(inputs).addOutput(name + "_out")
                .addAllAttribute(List.of(attributes)));
        return name + "_out";
    }

    /** Adds a Constant node holding a float scalar; returns its output. */
    String constantScalar(float value) {
        return node("Constant", List.of(), AttributeProto.newBuilder().setName("value")
                .setType(AttributeProto.AttributeType.TENSOR).setT(floats("c", new float[] {value}, true)).build());
    }

    /** Adds a Constant node holding an int64 scalar (rank 0); returns its output. */
    String constantScalarLong(long value) {
        return node("Constant", List.of(), AttributeProto.newBuilder().setName("value")
                .setType(AttributeProto.AttributeType.TENSOR).setT(longs("c", new long[] {value})).build());
    }

    /** Adds a Constant node holding int64 values as a vector; returns its output. */
    String constantLongs(long... values) {
        return node("Constant", List.of(), AttributeProto.newBuilder().setName("value")
                .setType(AttributeProto.AttributeType.TENSOR).setT(longs("c", values, values.length)).build());
    }

    /** Adds a random float initializer of the given shape, as raw data or as float_data; returns its name. */
    String weight(boolean raw, int... dims) {
        int size = 1;
        for (int dim : dims) {
            size *= dim;
        }
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) random.nextGaussian() * 0.5f;
        }
        String name = "w" + counter++;
        graph.addInitializer(floats(name, values, raw, dims));
        return name;
    }

    /** Adds a raw initializer tensor as given. */
    void initializer(TensorProto tensor) {
        graph.addInitializer(tensor);
    }

    /** The model with a float input {@code x} of {@code [batch, ...sample]} and the output {@code output}. */
    ModelProto model(int opset, String output, int... sample) {
        GraphProto.Builder copy = graph.clone();
        copy.addInput(valueInfo("x", sample));
        copy.addNode(NodeProto.newBuilder().setOpType("Identity").setName("out").addInput(output).addOutput("y"));
        copy.addOutput(ValueInfoProto.newBuilder().setName("y").setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(1))));
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("test")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(opset)).setGraph(copy).build();
    }

    static ValueInfoProto valueInfo(String name, int... sample) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"));
        for (int dim : sample) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(dim));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(1).setShape(shape))).build();
    }

    static TensorProto floats(String name, float[] values, boolean raw, int... dims) {
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name).setDataType(1);
        for (int dim : dims) {
            tensor.addDims(dim);
        }
        if (raw) {
            ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(values);
            tensor.setRawData(ByteString.copyFrom(bytes.array()));
        } else {
            for (float value : values) {
                tensor.addFloatData(value);
            }
        }
        return tensor.build();
    }

    static TensorProto longs(String name, long[] values, int... dims) {
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name).setDataType(7);
        for (int dim : dims) {
            tensor.addDims(dim);
        }
        for (long value : values) {
            tensor.addInt64Data(value);
        }
        return tensor.build();
    }

    static AttributeProto ints(String name, long value) {
        return GraphBuilder.intAttribute(name, value);
    }

    static List<String> list(String... names) {
        return new ArrayList<>(List.of(names));
    }
}
