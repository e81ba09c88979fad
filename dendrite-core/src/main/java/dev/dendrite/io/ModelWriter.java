package dev.dendrite.io;

import dev.dendrite.nn.LayerSpec;
import dev.dendrite.nn.Sequential;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a model file: the reserved metadata entries and the caller's, then {@value #CRC} (the
 * checksum of the header without it and of the data buffer), then the parameters and the buffers
 * under their {@code namedParameters()} and {@code namedBuffers()} paths, through the atomic
 * {@link SafetensorsWriter}. Checks everything before the first byte is written.
 * Stateless and thread-safe.
 */
final class ModelWriter {
    static final String FORMAT = "format";
    static final String FORMAT_VERSION = "format_version";
    static final String ARCHITECTURE = "architecture";
    static final String CRC = "crc32";
    static final String FORMAT_NAME = "dendrite";
    /** Version 2 added {@value #CRC}; version-1 files, without it, are still read. */
    static final String VERSION = "2";
    static final String VERSION_WITHOUT_CHECKSUM = "1";
    static final List<String> RESERVED = List.of(FORMAT, FORMAT_VERSION, ARCHITECTURE, CRC);

    /** Called after each tensor's data is written; lets tests interrupt a save halfway. */
    @FunctionalInterface
    interface TensorWritten {
        void after(String name) throws IOException;
    }

    private ModelWriter() {
    }

    static void write(Path file, Sequential model, Map<String, String> metadata, TensorWritten listener)
            throws IOException {
        Map<String, String> all = fullMetadata(model, metadata);
        Map<String, StoredTensor> tensors = tensors(model);
        // The checksum of everything else in the file, header included; the reader leaves this entry out too.
        all.put(CRC, Long.toHexString(SafetensorsWriter.crc32(all, tensors)));
        SafetensorsWriter.write(file, all, tensors, (stage, name) -> {
            if (stage == SafetensorsWriter.Stage.TENSOR) {
                listener.after(name);
            }
        });
    }

    /** The reserved entries, then the caller's; checks the model can be written before anything is. */
    private static Map<String, String> fullMetadata(Sequential model, Map<String, String> metadata) {
        List<LayerSpec> specs = Architecture.specs(model);
        String mismatch = Architecture.mismatch(model, specs);
        Validate.argument(mismatch == null, "model file", "parameters and buffers that match the layer types",
                mismatch);
        Map<String, String> all = new LinkedHashMap<>();
        all.put(FORMAT, FORMAT_NAME);
        all.put(FORMAT_VERSION, VERSION);
        all.put(ARCHITECTURE, Json.write(specs));
        metadata.forEach((key, value) -> {
            Validate.argument(key != null && value != null, "model file", "metadata without null keys or values",
                    () -> key + " = " + value);
            Validate.argument(!RESERVED.contains(key), "model file",
                    () -> "metadata keys other than the reserved " + RESERVED, () -> "'" + key + "'");
            all.put(key, value);
        });
        return all;
    }

    /** The parameters, then the buffers, by path; the arrays are the model's own, not copies. */
    private static Map<String, StoredTensor> tensors(Sequential model) {
        Map<String, StoredTensor> tensors = new LinkedHashMap<>();
        model.namedParameters().forEach((name, tensor) -> tensors.put(name, stored(tensor)));
        model.namedBuffers().forEach((name, tensor) -> tensors.put(name, stored(tensor)));
        return tensors;
    }

    private static StoredTensor stored(Tensor tensor) {
        return new StoredTensor(tensor.shape().dims(), tensor.data());
    }
}
