package dev.dendrite.io;

import dev.dendrite.nn.LayerSpec;
import dev.dendrite.nn.Sequential;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Reads a model file, checking it in the order that keeps memory bounded: the safetensors header
 * ({@link SafetensorsReader#open}: its length, structure and byte ranges), the format version, the
 * architecture, the tensors' names and shapes against the parameters and buffers the architecture
 * declares; only then are the values read and the model built around them. Every allocation is
 * therefore limited by the file's real size. Files without buffers load as long as their
 * architecture declares none, which holds for every file written before buffers existed.
 * Stateless and thread-safe.
 */
final class ModelReader {
    private ModelReader() {
    }

    static SavedModel read(Path file, Random random) throws IOException {
        try (SafetensorsReader reader = SafetensorsReader.open(file)) {
            String name = reader.name();
            Map<String, String> metadata = checkFormat(reader.metadata(), name);
            List<LayerSpec> specs;
            Map<String, int[]> parameters;
            Map<String, int[]> buffers;
            try {
                specs = Architecture.parse(metadata.get(ModelWriter.ARCHITECTURE));
                parameters = Architecture.parameterShapes(specs);
                buffers = Architecture.bufferShapes(specs);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(name + ": " + e.getMessage(), e);
            }
            Map<String, int[]> expected = new LinkedHashMap<>(parameters);
            expected.putAll(buffers);
            checkTensors(reader.shapes(), expected, name);
            try {
                Sequential model = Architecture.load(specs, read(reader, parameters), read(reader, buffers), random);
                return new SavedModel(model, metadata);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(name + ": " + e.getMessage(), e);
            }
        }
    }

    private static Map<String, String> checkFormat(Map<String, String> metadata, String name)
            throws ModelFormatException {
        if (metadata == null) {
            throw new ModelFormatException(name + ": expected a Dendrite model file (__metadata__ with format \""
                    + ModelWriter.FORMAT_NAME + "\"), got a safetensors header without __metadata__");
        }
        String format = metadata.get(ModelWriter.FORMAT);
        if (!ModelWriter.FORMAT_NAME.equals(format)) {
            throw new ModelFormatException(name + ": expected __metadata__ format \"" + ModelWriter.FORMAT_NAME
                    + "\" (a Dendrite model file), got " + quoted(format));
        }
        String version = metadata.get(ModelWriter.FORMAT_VERSION);
        if (!ModelWriter.VERSION.equals(version)) {
            throw new ModelFormatException(name + ": expected __metadata__ format_version \"" + ModelWriter.VERSION
                    + "\", got " + quoted(version) + "; this version of Dendrite reads format version "
                    + ModelWriter.VERSION + " only");
        }
        if (!metadata.containsKey(ModelWriter.ARCHITECTURE)) {
            throw new ModelFormatException(name + ": expected an __metadata__ architecture entry, got none");
        }
        return metadata;
    }

    private static void checkTensors(Map<String, int[]> tensors, Map<String, int[]> expected, String name)
            throws ModelFormatException {
        for (Map.Entry<String, int[]> wanted : expected.entrySet()) {
            int[] shape = tensors.get(wanted.getKey());
            if (shape == null) {
                throw new ModelFormatException(name + ": architecture expects tensor '" + wanted.getKey()
                        + "' with shape " + Arrays.toString(wanted.getValue()) + ", not in the file");
            }
            if (!Arrays.equals(shape, wanted.getValue())) {
                throw new ModelFormatException(name + ": tensor '" + wanted.getKey() + "' has shape "
                        + Arrays.toString(shape) + ", architecture expects " + Arrays.toString(wanted.getValue()));
            }
        }
        for (String tensor : tensors.keySet()) {
            if (!expected.containsKey(tensor)) {
                throw new ModelFormatException(name + ": tensor '" + tensor + "' is not part of the architecture, "
                        + "which expects " + listed(expected.keySet().stream().toList()));
            }
        }
    }

    /** Reads the named tensors; their sizes were checked against the file, so the memory exists on disk. */
    private static Map<String, Tensor> read(SafetensorsReader reader, Map<String, int[]> shapes) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> tensor : shapes.entrySet()) {
            tensors.put(tensor.getKey(), Tensor.wrap(reader.read(tensor.getKey()), tensor.getValue()));
        }
        return tensors;
    }

    private static String quoted(String value) {
        return value == null ? "none" : "\"" + value + "\"";
    }

    private static String listed(List<String> names) {
        if (names.isEmpty()) {
            return "no tensors";
        }
        int shown = Math.min(names.size(), 8);
        String list = String.join(", ", names.subList(0, shown));
        return names.size() > shown ? list + ", ... (" + names.size() + " tensors)" : list;
    }
}
