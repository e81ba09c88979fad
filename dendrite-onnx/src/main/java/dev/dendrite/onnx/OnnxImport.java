package dev.dendrite.onnx;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.dendrite.data.Normalizer;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Normalization;
import dev.dendrite.nn.Sequential;
import dev.dendrite.onnx.proto.Onnx.GraphProto;
import dev.dendrite.onnx.proto.Onnx.ModelProto;
import dev.dendrite.onnx.proto.Onnx.NodeProto;
import dev.dendrite.onnx.proto.Onnx.OperatorSetIdProto;
import dev.dendrite.onnx.proto.Onnx.StringStringEntryProto;
import dev.dendrite.onnx.proto.Onnx.TensorProto;
import dev.dendrite.onnx.proto.Onnx.TensorShapeProto;
import dev.dendrite.onnx.proto.Onnx.TypeProto;
import dev.dendrite.onnx.proto.Onnx.ValueInfoProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads an ONNX model (exported by Dendrite, or by PyTorch from an {@code nn.Sequential} MLP) as a
 * Dendrite {@link Sequential}, or refuses it with one line that names what is not supported.
 *
 * <p>Supported: opsets {@value #MIN_OPSET} to {@value #MAX_OPSET} of the default domain; a graph
 * that is a chain from one float input to one output; the operators in {@link #SUPPORTED}. A
 * flatten of the input (Flatten, Reshape, or PyTorch's Shape/Gather/Concat/Reshape) is absorbed:
 * the model then takes rows of {@code d1*d2*...} features, the same memory layout, and
 * {@link Imported#inputShape()} keeps the file's shape. Dropout is left out (inference). A graph
 * that starts with {@code Div(Sub(input, offset), scale)} gives that normaliser as
 * {@link Imported#preprocessing()} when the metadata records it as baked in by
 * {@link OnnxExport.Options#withPreprocessing}, and otherwise a {@link Normalization} first layer
 * (what Dendrite writes for a model that has one).
 *
 * <p>Every tensor's declared size is checked against the bytes the file holds before anything is
 * allocated, so a damaged or hostile file costs no more memory than its own size. Stateless and
 * thread-safe.
 *
 * <pre>{@code Sequential model = OnnxImport.load(Path.of("mlp.onnx"));}</pre>
 */
public final class OnnxImport {
    /** The oldest opset read: the operators' current meaning (Softmax per axis) starts at 13. */
    public static final int MIN_OPSET = 13;
    /** The newest opset read. */
    public static final int MAX_OPSET = 22;
    /** The operators and patterns the importer understands. */
    public static final String SUPPORTED = ChainReader.SUPPORTED;

    /**
     * An imported model with what the file says about it.
     *
     * @param model       the layers
     * @param metadata    the file's {@code metadata_props}
     * @param inputShape  the file's per-sample input shape (-1 for a size it leaves open)
     * @param sampleShape the per-sample shape the model takes (the input shape flattened if the file flattens it)
     * @param opset       the file's opset version
     * @param preprocessing the normaliser the graph applies before the model ({@code Div(Sub(input, offset),
     *                      scale)}, as {@link OnnxExport.Options#withPreprocessing} writes it), or null; the
     *                      model then expects normalised inputs, as a Dendrite model trained with it does
     */
    public record Imported(Sequential model, Map<String, String> metadata, int[] inputShape, int[] sampleShape,
            int opset, Normalizer preprocessing) {
        /**
         * The model taking raw inputs: {@link #model()} after a {@link Normalization} layer holding
         * {@link #preprocessing()}, or the model itself when there is none.
         */
        public Sequential modelWithPreprocessing() {
            if (preprocessing == null) {
                return model;
            }
            float[][] affine = Preprocessing.affine(preprocessing);
            List<Module> all = new ArrayList<>(model.layers());
            all.add(0, new Normalization(affine[0], affine[1]));
            return new Sequential(all.toArray(new Module[0]));
        }
    }

    private OnnxImport() {
    }

    /**
     * The model in {@code file}.
     *
     * @throws OnnxFormatException if the file is not a supported ONNX model (the message names why)
     * @throws IOException         if it cannot be read
     */
    public static Sequential load(Path file) throws IOException {
        return read(file).model();
    }

    /** As {@link #load(Path)}, with the file's metadata and shapes. */
    public static Imported read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > Integer.MAX_VALUE - 8) {
            throw new OnnxFormatException(file + ": expected at most " + (Integer.MAX_VALUE - 8)
                    + " bytes (ONNX files with embedded weights stop at 2 GB), got " + size);
        }
        return parse(Files.readAllBytes(file), file.toString());
    }

    /** The model in {@code bytes}; {@code name} starts every error message. */
    public static Imported parse(byte[] bytes, String name) throws OnnxFormatException {
        ModelProto model;
        try {
            model = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new OnnxFormatException(name + ": not an ONNX model (" + e.getMessage() + ")", e);
        }
        if (!model.hasGraph() || model.getIrVersion() < 3) {
            throw new OnnxFormatException(name + ": expected an ONNX model with a graph and an IR version >= 3, got "
                    + (model.hasGraph() ? "IR version " + model.getIrVersion() : "no graph"));
        }
        int opset = opset(model, name);
        GraphProto graph = model.getGraph();
        GraphIndex index = new GraphIndex(name, graph);
        ValueInfoProto input = input(graph, name);
        if (graph.getOutputCount() != 1) {
            throw new OnnxFormatException(name + ": expected one graph output, got " + graph.getOutputCount());
        }
        int[] inputShape = sampleShape(input, name);
        Map<String, String> metadata = new LinkedHashMap<>();
        for (StringStringEntryProto entry : model.getMetadataPropsList()) {
            metadata.put(entry.getKey(), entry.getValue());
        }
        List<NodeProto> preprocessingNodes = new ArrayList<>();
        Normalizer preprocessing = Preprocessing.read(index, input.getName(),
                metadata.get(OnnxExport.PREPROCESSING_KEY), preprocessingNodes);
        String start = preprocessingNodes.isEmpty() ? input.getName()
                : preprocessingNodes.get(preprocessingNodes.size() - 1).getOutput(0);
        Normalization scaling = null;
        if (preprocessing != null && !metadata.containsKey(OnnxExport.PREPROCESSING_KEY)) {
            // Sub/Div by constants that no export option recorded: the model's own Normalization layer.
            scaling = new Normalization(index.constant(preprocessingNodes.get(0).getInput(1)).floats(),
                    index.constant(preprocessingNodes.get(1).getInput(1)).floats());
            preprocessing = null;
        }
        ChainReader reader = new ChainReader(index, graph.getOutput(0).getName(), inputShape);
        Sequential layers = reader.read(start, graph.getOutput(0).getName(), preprocessingNodes);
        if (scaling != null) {
            List<Module> all = new ArrayList<>(layers.layers());
            all.add(0, scaling);
            layers = new Sequential(all.toArray(new Module[0]));
        }
        return new Imported(layers, metadata, inputShape, reader.sampleShape(), opset, preprocessing);
    }

    /** The default domain's opset, which must be one this reader knows; no other domain may be used. */
    private static int opset(ModelProto model, String name) throws OnnxFormatException {
        long version = -1;
        for (OperatorSetIdProto set : model.getOpsetImportList()) {
            if (set.getDomain().isEmpty() || set.getDomain().equals("ai.onnx")) {
                version = set.getVersion();
            }
        }
        if (version < MIN_OPSET || version > MAX_OPSET) {
            throw new OnnxFormatException(name + ": expected opset " + MIN_OPSET + " to " + MAX_OPSET
                    + " of the default domain, got " + (version < 0 ? "none" : version));
        }
        return (int) version;
    }

    /** The one graph input that is not an initializer (old exporters list initializers as inputs too). */
    private static ValueInfoProto input(GraphProto graph, String name) throws OnnxFormatException {
        Set<String> initializers = graph.getInitializerList().stream().map(TensorProto::getName)
                .collect(Collectors.toSet());
        List<ValueInfoProto> inputs = new ArrayList<>();
        for (ValueInfoProto candidate : graph.getInputList()) {
            if (!initializers.contains(candidate.getName())) {
                inputs.add(candidate);
            }
        }
        if (inputs.size() != 1) {
            throw new OnnxFormatException(name + ": expected one graph input, got " + inputs.size() + " "
                    + inputs.stream().map(ValueInfoProto::getName).toList());
        }
        return inputs.get(0);
    }

    /** The input's per-sample shape: its dimensions after the batch, -1 where the file gives no size. */
    private static int[] sampleShape(ValueInfoProto input, String name) throws OnnxFormatException {
        TypeProto type = input.getType();
        int element = type.getTensorType().getElemType();
        if (!type.hasTensorType() || element != TensorProto.DataType.FLOAT_VALUE) {
            throw new OnnxFormatException(name + ": expected a FLOAT tensor input '" + input.getName() + "', got "
                    + (type.hasTensorType() ? TensorData.typeName(element) : "another kind of value"));
        }
        if (!type.getTensorType().hasShape() || type.getTensorType().getShape().getDimCount() < 2) {
            throw new OnnxFormatException(name + ": expected input '" + input.getName() + "' of shape [batch, ...], "
                    + "got " + (type.getTensorType().hasShape() ? "rank " + type.getTensorType().getShape()
                    .getDimCount() : "no shape"));
        }
        List<TensorShapeProto.Dimension> dims = type.getTensorType().getShape().getDimList();
        int[] sample = new int[dims.size() - 1];
        for (int i = 1; i < dims.size(); i++) {
            long size = dims.get(i).hasDimValue() ? dims.get(i).getDimValue() : -1;
            if (size == 0 || size > Integer.MAX_VALUE - 8 || size < -1) {
                throw new OnnxFormatException(name + ": input '" + input.getName() + "' dimension " + i
                        + " is " + size + ", expected a positive size");
            }
            sample[i - 1] = (int) size;
        }
        return sample;
    }
}
