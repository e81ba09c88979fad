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
import java.util.zip.CRC32;

/**
 * Reads a model file, checking it in the order that keeps memory bounded: the safetensors header
 * ({@link SafetensorsReader#open}: its length, structure and byte ranges), the format version, the
 * architecture, the tensors' names and shapes against the parameters and buffers the architecture
 * declares; only then are the values read, checked against the file's checksum (format version 2)
 * and for NaN and infinity, and the model built around them. Every allocation is therefore limited
 * by the file's real size. Files without buffers load as long as their
 * architecture declares none, which holds for every file written before buffers existed.
 * Stateless and thread-safe.
 */
final class ModelReader {
    private ModelReader() {
    }

    static SavedModel read(Path file, Random random, boolean allowNonFinite) throws IOException {
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
            Map<String, StoredTensor> stored = readChecked(reader, metadata);
            if (!allowNonFinite) {
                checkFinite(stored, name);
            }
            try {
                Sequential model = Architecture.load(specs, tensors(stored, parameters), tensors(stored, buffers),
                        random);
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
        if (!ModelWriter.VERSION.equals(version) && !ModelWriter.VERSION_WITHOUT_CHECKSUM.equals(version)) {
            throw new ModelFormatException(name + ": expected __metadata__ format_version \""
                    + ModelWriter.VERSION_WITHOUT_CHECKSUM + "\" or \"" + ModelWriter.VERSION + "\", got "
                    + quoted(version) + "; this version of Dendrite reads format versions "
                    + ModelWriter.VERSION_WITHOUT_CHECKSUM + " and " + ModelWriter.VERSION + " only");
        }
        if (ModelWriter.VERSION.equals(version) && !metadata.containsKey(ModelWriter.CRC)) {
            throw new ModelFormatException(name + ": expected an __metadata__ " + ModelWriter.CRC
                    + " entry (the checksum every format-version-" + ModelWriter.VERSION + " file has), got none");
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

    /**
     * Reads every tensor (their sizes were checked against the file, so the memory exists on disk)
     * and, in a file with a checksum entry, checks it over the header and the data.
     */
    private static Map<String, StoredTensor> readChecked(SafetensorsReader reader, Map<String, String> metadata)
            throws IOException {
        String expected = metadata.get(ModelWriter.CRC);
        if (expected == null) {
            return reader.readAll(null);   // format version 1 had no checksum (version 2 without one is refused)
        }
        // Checked in any version: a version-2 file whose version entry became "1" still fails here.
        CRC32 crc = new CRC32();
        reader.updateHeader(crc, ModelWriter.CRC);
        Map<String, StoredTensor> stored = reader.readAll(crc);
        String actual = Long.toHexString(crc.getValue());
        if (!actual.equals(expected)) {
            throw new ModelFormatException(reader.name() + ": expected a header and data with checksum " + expected
                    + " (crc32), got " + actual + "; the file is damaged");
        }
        return stored;
    }

    /** Refuses NaN and infinite values: such a model answers with confidence it does not have. */
    private static void checkFinite(Map<String, StoredTensor> stored, String name) throws ModelFormatException {
        for (Map.Entry<String, StoredTensor> tensor : stored.entrySet()) {
            float[] values = tensor.getValue().values();
            int count = 0;
            int first = -1;
            for (int i = 0; i < values.length; i++) {
                if (!Float.isFinite(values[i])) {
                    count++;
                    first = first < 0 ? i : first;
                }
            }
            if (count > 0) {
                throw new NonFiniteParameterException(name + ": tensor '" + tensor.getKey() + "' holds " + count
                        + " non-finite value" + (count == 1 ? "" : "s") + " (the first, " + values[first]
                        + ", at flat index " + first + " of " + values.length + "), expected finite parameters; "
                        + "the run that wrote it diverged or the file is damaged");
            }
        }
    }

    private static Map<String, Tensor> tensors(Map<String, StoredTensor> stored, Map<String, int[]> shapes) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        shapes.forEach((tensor, shape) -> tensors.put(tensor, Tensor.wrap(stored.get(tensor).values(), shape)));
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
