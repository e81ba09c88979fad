package dev.dendrite.onnx;

import dev.dendrite.data.Normalizer;
import dev.dendrite.nn.Sequential;
import dev.dendrite.onnx.LayerConverter.Input;
import dev.dendrite.onnx.proto.Onnx.GraphProto;
import dev.dendrite.onnx.proto.Onnx.ModelProto;
import dev.dendrite.onnx.proto.Onnx.NodeProto;
import dev.dendrite.onnx.proto.Onnx.OperatorSetIdProto;
import dev.dendrite.onnx.proto.Onnx.StringStringEntryProto;
import dev.dendrite.onnx.proto.Onnx.TensorProto;
import dev.dendrite.onnx.proto.Onnx.TensorShapeProto;
import dev.dendrite.onnx.proto.Onnx.TypeProto;
import dev.dendrite.onnx.proto.Onnx.ValueInfoProto;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Validate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a Dendrite model as an ONNX file that ONNX Runtime (and any other ONNX runtime) can run.
 *
 * <p>The graph has one input {@code input} of shape {@code [batch, ...sampleInputShape]} and one
 * output {@code output}, with the batch dimension dynamic (named {@code batch}). Weights are
 * initializers named by their parameter path ({@code layers.0.weight}) and stored as raw
 * little-endian float32, so every bit survives. Each layer becomes the nodes its
 * {@link LayerConverter} writes; see {@link OnnxConverters} for the supported layers.
 *
 * <pre>{@code OnnxExport.save(model, new int[] {784}, Path.of("mlp.onnx"));}</pre>
 *
 * <p>Stateless and thread-safe; the model is only read.
 */
public final class OnnxExport {
    /** The opset written unless another is asked for. */
    public static final int DEFAULT_OPSET = 17;
    /** The oldest opset the exporter writes: Softmax's per-axis meaning starts at 13. */
    public static final int MIN_OPSET = 13;
    /** The newest opset the exporter writes (ONNX Runtime 1.22 runs up to 22). */
    public static final int MAX_OPSET = 22;
    /** The batch dimension's name in the file. */
    public static final String BATCH = "batch";
    /** The graph input's name. */
    public static final String INPUT = "input";
    /** The graph output's name. */
    public static final String OUTPUT = "output";

    /**
     * How to export.
     *
     * @param opset    the ONNX opset version, {@value #MIN_OPSET} to {@value #MAX_OPSET}
     * @param metadata written to the file's {@code metadata_props} (class names, normalisation, ...)
     * @param preprocessing a normaliser to bake into the graph before the model (Sub, Div), or null
     */
    public record Options(int opset, Map<String, String> metadata, Normalizer preprocessing) {
        /** Checks the opset and copies the metadata. */
        public Options {
            Validate.argument(opset >= MIN_OPSET && opset <= MAX_OPSET, "onnx export",
                    "an opset from " + MIN_OPSET + " to " + MAX_OPSET, opset);
            metadata = Map.copyOf(metadata == null ? Map.of() : metadata);
        }

        /** Options without preprocessing. */
        public Options(int opset, Map<String, String> metadata) {
            this(opset, metadata, null);
        }

        /** Opset {@value #DEFAULT_OPSET}, no metadata, no preprocessing. */
        public static Options defaults() {
            return new Options(DEFAULT_OPSET, Map.of(), null);
        }

        /** These options with another opset. */
        public Options withOpset(int newOpset) {
            return new Options(newOpset, metadata, preprocessing);
        }

        /** These options with the given metadata instead. */
        public Options withMetadata(Map<String, String> newMetadata) {
            return new Options(opset, newMetadata, preprocessing);
        }

        /**
         * These options with {@code normalizer} baked into the graph, so the file takes raw inputs;
         * the metadata key {@value #PREPROCESSING_KEY} records it.
         */
        public Options withPreprocessing(Normalizer normalizer) {
            return new Options(opset, metadata, normalizer);
        }
    }

    /** The metadata key that records a normaliser baked into the graph ({@link Normalizer#toMetadata()}). */
    public static final String PREPROCESSING_KEY = "preprocessing_in_graph";

    private OnnxExport() {
    }

    /** {@link #save(Sequential, int[], Path, Options)} with opset {@value #DEFAULT_OPSET} and no metadata. */
    public static void save(Sequential model, int[] sampleInputShape, Path out) throws IOException {
        save(model, sampleInputShape, out, Options.defaults());
    }

    /**
     * Writes {@code model} to {@code out} (replacing it as a whole: a temporary file is moved in).
     *
     * @param sampleInputShape one sample's dimensions without the batch ({@code {784}}, {@code {1, 28, 28}}),
     *                         or null to ask the model ({@link Sequential#sampleInputShape()})
     * @throws IllegalArgumentException if a layer cannot be exported or the shape does not fit the model
     * @throws IOException              if the file cannot be written
     */
    public static void save(Sequential model, int[] sampleInputShape, Path out, Options options) throws IOException {
        byte[] bytes = toModel(model, sampleInputShape, options).toByteArray();
        Path absolute = out.toAbsolutePath();
        Path temporary = Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".tmp");
        try {
            Files.write(temporary, bytes);
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** The ONNX model {@link #save(Sequential, int[], Path, Options)} writes, as a protobuf message. */
    public static ModelProto toModel(Sequential model, int[] sampleInputShape, Options options) {
        int[] sample = sampleInputShape != null ? sampleInputShape.clone() : model.sampleInputShape();
        Validate.argument(sample != null, "onnx export", "a sample input shape (the model does not declare one)",
                "none");
        Validate.argument(Arrays.stream(sample).allMatch(d -> d > 0), "onnx export",
                "a sample input shape of positive sizes", Arrays.toString(sample));
        int[] batchOfOne = new int[sample.length + 1];
        batchOfOne[0] = 1;
        System.arraycopy(sample, 0, batchOfOne, 1, sample.length);
        Shape input = Shape.of(batchOfOne);
        Shape output = model.outputShape(input);

        GraphProto.Builder graph = GraphProto.newBuilder().setName("dendrite");
        GraphBuilder builder = new GraphBuilder(graph, options.opset());
        builder.uniqueName(INPUT);
        builder.uniqueName(OUTPUT);
        String first = INPUT;
        Map<String, String> metadata = new LinkedHashMap<>(options.metadata());
        if (options.preprocessing() != null) {
            first = Preprocessing.write(options.preprocessing(), INPUT, sample, builder);
            metadata.put(PREPROCESSING_KEY, options.preprocessing().toMetadata());
        }
        String last = OnnxConverters.convert(model, new Input(first, "", input), builder);
        // The graph output must be written by a node: rename the last value by an Identity.
        graph.addNode(NodeProto.newBuilder().setOpType("Identity")
                .setName(builder.uniqueName("output/Identity")).addInput(last).addOutput(OUTPUT));
        graph.addInput(valueInfo(INPUT, input));
        graph.addOutput(valueInfo(OUTPUT, output));

        ModelProto.Builder file = ModelProto.newBuilder().setIrVersion(irVersion(options.opset()))
                .setProducerName("dendrite").setProducerVersion(producerVersion())
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(options.opset()))
                .setGraph(graph);
        metadata.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry ->
                file.addMetadataProps(StringStringEntryProto.newBuilder().setKey(entry.getKey())
                        .setValue(entry.getValue())));
        return file.build();
    }

    /** A float tensor's name, type and shape, the first dimension being the dynamic batch. */
    private static ValueInfoProto valueInfo(String name, Shape shape) {
        TensorShapeProto.Builder dims = TensorShapeProto.newBuilder();
        int[] sizes = shape.dims();
        for (int i = 0; i < sizes.length; i++) {
            TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
            dims.addDim(i == 0 ? dim.setDimParam(BATCH) : dim.setDimValue(sizes[i]));
        }
        TypeProto.Tensor.Builder tensor = TypeProto.Tensor.newBuilder()
                .setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(dims);
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(tensor))
                .build();
    }

    /** The IR version that goes with an opset, per the ONNX versioning table (IR 7 for 13, 8 up to 18, ...). */
    static long irVersion(int opset) {
        if (opset <= 13) {
            return 7;
        }
        if (opset <= 18) {
            return 8;
        }
        return opset <= 20 ? 9 : 10;
    }

    private static String producerVersion() {
        String version = OnnxExport.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
