package dev.dendrite.io;

import dev.dendrite.data.Normalizer;
import dev.dendrite.nn.Normalization;
import dev.dendrite.nn.Sequential;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Saves and loads models in the safetensors layout: an 8-byte little-endian header length, a JSON
 * header naming each tensor's dtype, shape and byte range, then the raw little-endian float32
 * data. Any safetensors reader opens the weights; Dendrite also records the architecture, so
 * {@link #load} rebuilds the model. The layout is described in {@code docs/model-format.md}.
 *
 * <pre>{@code
 * ModelFile.save(Path.of("model.safetensors"), model, Map.of("classes", "cat,dog"));
 * SavedModel saved = ModelFile.load(Path.of("model.safetensors"));
 * Tensor prediction = saved.model().eval().forward(input);   // eval() returns the Module
 * }</pre>
 *
 * <p>Tensors are named by {@link dev.dendrite.nn.Module#namedParameters()} ({@code layers.0.weight},
 * {@code layers.0.bias}, ...), followed by the buffers under their
 * {@link dev.dendrite.nn.Module#namedBuffers()} paths ({@code layers.3.running_mean}); Dense weights are stored {@code [in, out]}, the transpose of
 * PyTorch's {@code Linear.weight}. The {@code __metadata__} holds {@code format = "dendrite"},
 * {@code format_version = "2"}, {@code architecture} (see {@link Architecture}), {@code crc32} (the
 * checksum of the header without it and of the data; version-1 files have none) and the caller's
 * entries. Stateless and thread-safe; saving a model while another thread trains it writes a mix of
 * old and new weights.
 */
public final class ModelFile {
    /** The {@code format} metadata value of every Dendrite model file. */
    public static final String FORMAT = ModelWriter.FORMAT_NAME;
    /** The {@code format_version} this version writes; it reads this one and version 1 (without a checksum). */
    public static final String FORMAT_VERSION = ModelWriter.VERSION;

    /** Where files written before the Normalization layer kept their feature scaling. */
    static final String LEGACY_NORMALIZER = "dendrite.normalizer";

    private ModelFile() {
    }

    /**
     * Writes {@code model} and {@code metadata} to {@code file}, replacing it atomically: the data
     * goes to a temporary file in the same directory, is forced to the disk, and is then renamed
     * over {@code file}. If anything fails, {@code file} keeps its previous content and the
     * temporary file is removed.
     *
     * @param metadata extra {@code __metadata__} strings (class names, normalisation statistics,
     *                 training settings); the keys {@code format}, {@code format_version}, {@code crc32} and
     *                 {@code architecture} are reserved
     * @throws IllegalArgumentException if a layer's type is not registered in {@link LayerTypes}, or
     *                                  the metadata uses a reserved key or holds a null
     * @throws IOException              if the file cannot be written
     */
    public static void save(Path file, Sequential model, Map<String, String> metadata) throws IOException {
        ModelWriter.write(file, model, metadata, name -> { });
    }

    /**
     * Reads a model written by {@link #save}; Dropout layers draw their masks from {@code new Random(0)}.
     *
     * @throws ModelFormatException if the file is not a valid model file, fails its checksum, or
     *                              holds NaN or infinite parameters ({@link NonFiniteParameterException});
     *                              the message names the file and what was expected and found
     * @throws IOException          if the file cannot be read
     */
    public static SavedModel load(Path file) throws IOException {
        return load(file, new Random(0));
    }

    /**
     * Reads a model written by {@link #save}; layers that draw random numbers after loading
     * (Dropout masks) draw them from {@code random}.
     *
     * @throws ModelFormatException if the file is not a valid model file, fails its checksum, or
     *                              holds NaN or infinite parameters ({@link NonFiniteParameterException})
     * @throws IOException          if the file cannot be read
     */
    public static SavedModel load(Path file, Random random) throws IOException {
        return load(file, random, false);
    }

    /**
     * As {@link #load(Path, Random)}; with {@code allowNonFinite}, parameters and buffers holding
     * NaN or an infinity are loaded as they are (to inspect a diverged run) instead of refused.
     *
     * @throws NonFiniteParameterException if a tensor holds NaN or an infinity and that is not allowed
     * @throws ModelFormatException        if the file is not a valid model file, or fails its checksum
     * @throws IOException                 if the file cannot be read
     */
    public static SavedModel load(Path file, Random random, boolean allowNonFinite) throws IOException {
        return withNormalizationLayer(file, ModelReader.read(file, random, allowNonFinite));
    }

    /**
     * A file from before the Normalization layer kept the command line's feature scaling in the
     * metadata ({@value #LEGACY_NORMALIZER}), where only the command line applied it. It becomes
     * the model's first layer here, so that every loaded model takes raw inputs.
     */
    private static SavedModel withNormalizationLayer(Path file, SavedModel saved) throws ModelFormatException {
        String legacy = saved.metadata().get(LEGACY_NORMALIZER);
        if (legacy == null) {
            return saved;
        }
        Normalizer normalizer;
        try {
            normalizer = Normalizer.fromMetadata(legacy);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(file + ": metadata '" + LEGACY_NORMALIZER + "': " + e.getMessage(), e);
        }
        Sequential model = new Sequential(Normalization.of(normalizer.offset(), normalizer.scale()));
        saved.model().layers().forEach(model::add);
        if (!saved.model().isTraining()) {
            model.eval();
        }
        Map<String, String> metadata = new LinkedHashMap<>(saved.metadata());
        metadata.remove(LEGACY_NORMALIZER);
        return new SavedModel(model, metadata);
    }
}
