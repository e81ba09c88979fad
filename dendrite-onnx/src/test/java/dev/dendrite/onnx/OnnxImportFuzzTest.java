package dev.dendrite.onnx;

import static dev.dendrite.onnx.TestGraphs.ints;
import static dev.dendrite.onnx.TestGraphs.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.onnxruntime.OrtException;
import dev.dendrite.autograd.GradMode;
import dev.dendrite.nn.Dense;
import dev.dendrite.nn.Sequential;
import dev.dendrite.onnx.proto.Onnx.ModelProto;
import dev.dendrite.onnx.proto.Onnx.TensorProto;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.testing.LoaderFuzz;
import dev.dendrite.testing.Mutation;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Damaged, random and doctored ONNX files. The only outcomes allowed are an {@link OnnxFormatException}
 * whose message starts with the file, or a model that runs and, wherever ONNX Runtime accepts the
 * same bytes, computes what ONNX Runtime computes (the oracle). Changes to weight bytes alone must
 * load as exactly the changed weights; a cut file loads only if the cut removed nothing but
 * metadata. No load may hang or allocate more than a small multiple of the file's size.
 */
class OnnxImportFuzzTest {
    private static final long BYTES_PER_INPUT_BYTE = 64;
    private static final Path FILE = Path.of("fuzzed.onnx");
    private static final List<Long> EXTREME_DIMS = List.of(0L, -1L, 1L, 2L, 16L, 46341L, 65536L, 2147483647L,
            2147483648L, 4294967296L, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 40);

    /** Stands for "ONNX Runtime refused the file" in the cache. */
    private static final Tensor REFUSED = Tensor.zeros(1);
    /** ONNX Runtime's outputs by file content: doctored files repeat, and a session costs far more than a load. */
    private static final Map<ByteBuffer, Tensor> RUNTIME_OUTPUTS = new java.util.HashMap<>();

    private static List<ModelProto> models;
    private static List<byte[]> files;

    @BeforeContainer
    static void buildModels() {
        Random random = new Random(41);
        models = List.of(
                OnnxExport.toModel(OnnxImportTest.everyLayer(random), new int[] {12},
                        new OnnxExport.Options(17, Map.of("classes", "a,b,c,d,e"))),
                OnnxExport.toModel(new Sequential(new Dense(4, 6, random), new dev.dendrite.nn.activation.GELU(),
                        new Dense(6, 3, random)), new int[] {4}, OnnxExport.Options.defaults().withOpset(20)),
                pytorchStyle());
        files = models.stream().map(ModelProto::toByteArray).toList();
    }

    /** Shape/Gather/Unsqueeze/Concat/Reshape, Gemm with transB = 1 and float_data, MatMul + Add, Relu. */
    private static ModelProto pytorchStyle() {
        TestGraphs g = new TestGraphs(5);
        String shape = g.node("Shape", list("x"));
        String batch = g.node("Gather", list(shape, g.constantScalarLong(0)), ints("axis", 0));
        String target = g.node("Concat", list(g.node("Unsqueeze", list(batch, g.constantLongs(0))),
                g.constantLongs(-1)), ints("axis", 0));
        String h = g.node("Gemm", list(g.node("Reshape", list("x", target)), g.weight(false, 5, 6),
                g.weight(true, 5)), ints("transB", 1));
        h = g.node("Relu", list(h));
        String out = g.node("Add", list(g.node("MatMul", list(h, g.weight(true, 5, 2))), g.weight(false, 2)));
        return g.model(13, out, 2, 3);
    }

    @Property(tries = 1200, seed = "301")
    void damagedFilesAreRefusedOrComputeWhatOnnxRuntimeComputes(@ForAll @IntRange(max = 2) int model,
            @ForAll @Size(min = 1, max = 4) List<@From("mutations") Mutation> mutations) {
        checkOutcome(Mutation.applyAll(mutations, files.get(model)), mutations.toString());
    }

    @Property(tries = 500, seed = "302")
    void changedWeightBytesLoadAsTheChangedWeights(@ForAll @IntRange(max = 1) int model,
            @ForAll @Size(min = 1, max = 8) List<@From("inPlace") Mutation> mutations) {
        byte[] valid = files.get(model);
        TensorProto weight = models.get(model).getGraph().getInitializer(0);
        byte[] raw = weight.getRawData().toByteArray();
        int start = indexOf(valid, raw);
        byte[] bytes = Mutation.applyAll(mutations, valid, start, start + raw.length);
        LoaderFuzz.Outcome<OnnxImport.Imported> outcome = load(bytes, "weights: " + mutations);
        assertTrue(outcome.loaded(), "weights: " + mutations + ": a file whose structure is intact was refused");
        float[] expected = new float[raw.length / 4];
        ByteBuffer.wrap(bytes, start, raw.length).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(expected);
        float[] loaded = ((Dense) outcome.value().model().layers().get(0)).weight().data();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(loaded[i]), "weight " + i);
        }
    }

    @Property(tries = 500, seed = "303")
    void truncatedFilesAreRefusedUnlessOnlyMetadataWasCut(@ForAll @IntRange(max = 2) int model,
            @ForAll @IntRange(max = 999_999) int where) {
        byte[] valid = files.get(model);
        int cut = (int) ((long) where * valid.length / 1_000_000);
        LoaderFuzz.Outcome<OnnxImport.Imported> outcome = load(Arrays.copyOf(valid, cut), "cut at " + cut);
        Statistics.label("outcome").collect(outcome.loaded() ? "loaded" : "refused");
        if (outcome.loaded()) {
            ModelProto cutModel = models.get(model).toBuilder().clearMetadataProps().build();
            assertTrue(cut >= cutModel.getSerializedSize(), "cut at " + cut + " of " + valid.length
                    + " loaded, but it removed more than metadata");
        }
    }

    @Property(tries = 400, seed = "304")
    void randomBytesAreRefused(@ForAll @Size(max = 300) byte[] bytes) {
        assertFalse(load(bytes, "random bytes " + Arrays.toString(bytes)).loaded());
    }

    @Property(tries = 500, seed = "305")
    void doctoredTensorShapesAndTypesAreRefusedOrConsistent(@ForAll @IntRange(max = 2) int model,
            @ForAll @IntRange(max = 99) int which, @ForAll("extremeDims") long dim, @ForAll @IntRange(max = 3) int axis,
            @ForAll("types") int type, @ForAll boolean reverse) {
        ModelProto.Builder doctored = models.get(model).toBuilder();
        int count = doctored.getGraph().getInitializerCount();
        TensorProto original = doctored.getGraph().getInitializer(which % count);
        TensorProto.Builder tensor = original.toBuilder();
        if (reverse) {
            // Same elements, another layout: [16, 12] becomes [12, 16], which the graph's other shapes must catch.
            List<Long> reversed = new java.util.ArrayList<>(original.getDimsList());
            java.util.Collections.reverse(reversed);
            tensor.clearDims().addAllDims(reversed);
        } else if (axis < original.getDimsCount()) {
            tensor.setDims(axis, dim);
        } else if (axis == 3) {
            tensor.addDims(dim);
        }
        tensor.setDataType(type);
        doctored.getGraphBuilder().setInitializer(which % count, tensor);
        String mutation = "initializer " + original.getName() + " dims " + tensor.getDimsList() + " type "
                + tensor.getDataType();
        LoaderFuzz.Outcome<OnnxImport.Imported> outcome = checkOutcome(doctored.build().toByteArray(), mutation);
        boolean unchanged = tensor.getDimsList().equals(original.getDimsList()) && tensor.getDataType() == 1;
        if (unchanged) {
            assertTrue(outcome.loaded(), mutation + ": an unchanged tensor was refused");
        }
        if (tensor.getDataType() != 1 && tensor.getDataType() != 7) {
            assertFalse(outcome.loaded(), mutation + ": a weight of another type loaded");
        }
    }

    /** Loads the bytes; a loaded model must run, and match ONNX Runtime where it takes the file. */
    private static LoaderFuzz.Outcome<OnnxImport.Imported> checkOutcome(byte[] bytes, String mutation) {
        LoaderFuzz.Outcome<OnnxImport.Imported> outcome = load(bytes, mutation);
        if (!outcome.loaded()) {
            Statistics.label("outcome").collect("refused");
            return outcome;
        }
        OnnxImport.Imported imported = outcome.value();
        int[] shape = imported.inputShape();
        if (Arrays.stream(shape).anyMatch(d -> d < 0)) {
            Statistics.label("outcome").collect("loaded, open input shape");
            return outcome;
        }
        int[] dims = new int[shape.length + 1];
        dims[0] = 3;
        System.arraycopy(shape, 0, dims, 1, shape.length);
        Tensor input = Tensor.normal(7, 0f, 1f, dims);
        Tensor ours;
        try (var scope = GradMode.noGrad()) {
            ours = imported.model().forward(input.reshape(3, -1).reshape(withBatch(imported.sampleShape())));
        } catch (IllegalArgumentException e) {
            return fail(mutation + ": loaded a model that cannot run on its own input shape: " + e.getMessage());
        }
        Tensor theirs = RUNTIME_OUTPUTS.computeIfAbsent(ByteBuffer.wrap(bytes), key -> runtimeOutput(bytes, input));
        if (theirs == REFUSED) {
            Statistics.label("outcome").collect("loaded, ONNX Runtime refused");
        } else {
            Statistics.label("outcome").collect("loaded, checked against ONNX Runtime");
            assertSame(theirs, ours.reshape(theirs.shape().dims()), mutation);
        }
        return outcome;
    }

    /** ONNX Runtime's output for the file, or {@link #REFUSED}; the same input is used for every file. */
    private static Tensor runtimeOutput(byte[] bytes, Tensor input) {
        try (OnnxRuntimeRunner runtime = new OnnxRuntimeRunner(bytes)) {
            return runtime.run(input);
        } catch (OrtException e) {
            return REFUSED;
        }
    }

    private static int[] withBatch(int[] sample) {
        int[] dims = new int[sample.length + 1];
        dims[0] = 3;
        System.arraycopy(sample, 0, dims, 1, sample.length);
        return dims;
    }

    /** Equal within 1e-5 of the finite output scale; a non-finite value must be non-finite on both sides. */
    private static void assertSame(Tensor expected, Tensor actual, String mutation) {
        float[] e = expected.data();
        float[] a = actual.data();
        double scale = Float.MIN_NORMAL;
        for (float value : e) {
            if (Float.isFinite(value)) {
                scale = Math.max(scale, Math.abs(value));
            }
        }
        for (int i = 0; i < e.length; i++) {
            boolean bothOdd = !Float.isFinite(e[i]) && !Float.isFinite(a[i]);
            if (!bothOdd && !(Math.abs((double) e[i] - a[i]) <= 1e-5 * scale)) {
                fail(mutation + ": element " + i + ": ONNX Runtime gives " + e[i] + ", the import " + a[i]);
            }
        }
    }

    private static LoaderFuzz.Outcome<OnnxImport.Imported> load(byte[] bytes, String mutation) {
        return LoaderFuzz.attempt(() -> OnnxImport.parse(bytes, FILE.toString()), OnnxFormatException.class, FILE,
                BYTES_PER_INPUT_BYTE, bytes.length, mutation);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("the weight's bytes are not in the file");
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Mutation.any();
    }

    @Provide
    Arbitrary<Mutation> inPlace() {
        return Mutation.inPlace();
    }

    /** FLOAT most of the time, so shape changes alone are tried too; otherwise any number, known or not. */
    @Provide
    Arbitrary<Integer> types() {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, Arbitraries.just(1)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(-2, 40)));
    }

    @Provide
    Arbitrary<Long> extremeDims() {
        return Arbitraries.oneOf(Arbitraries.of(EXTREME_DIMS), Arbitraries.longs().between(0, 40));
    }

}
