package dev.dendrite.train;

import dev.dendrite.data.Dataset;
import dev.dendrite.io.Architecture;
import dev.dendrite.nn.LayerSpec;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * What a resumed run must share with the run that saved the checkpoint beyond the shapes of its
 * tensors: the whole architecture (every layer's type and hyperparameters, so Dropout 0.3 and 0.5
 * or ReLU and Tanh differ) and the training rows themselves (a CRC-32 of the features and targets,
 * so an edited data file is caught even at the same row count). Either part is null when unknown:
 * a model that is not a {@link Sequential} of registered layers, or a file written before this
 * check existed; an unknown part is not compared. Immutable.
 *
 * @param architecture the architecture as {@link Architecture#describe} writes it, or null
 * @param dataCrc      the checksum of the training rows as 8 hexadecimal digits, or null
 */
record RunIdentity(String architecture, String dataCrc) {
    static final String ARCHITECTURE = "architecture";
    static final String DATA_CRC = "data_crc32";
    static final RunIdentity UNKNOWN = new RunIdentity(null, null);

    /** The identity of a run training {@code model} on {@code training}. */
    static RunIdentity of(Module model, Dataset training) {
        return new RunIdentity(architectureOf(model), dataCrc(training));
    }

    /** The identity stored in a checkpoint's metadata; parts a file lacks are null. */
    static RunIdentity from(Map<String, String> metadata) {
        return new RunIdentity(metadata.get(ARCHITECTURE), metadata.get(DATA_CRC));
    }

    /** Adds the known parts to {@code metadata}. */
    void writeTo(Map<String, String> metadata) {
        if (architecture != null) {
            metadata.put(ARCHITECTURE, architecture);
        }
        if (dataCrc != null) {
            metadata.put(DATA_CRC, dataCrc);
        }
    }

    /**
     * Checks that this run is the one {@code saved} describes, as far as both know.
     *
     * @throws IllegalArgumentException naming the first layer or the data that differs
     */
    void check(RunIdentity saved) {
        if (architecture != null && saved.architecture != null && !architecture.equals(saved.architecture)) {
            // Compared as layer specs, not text: a later writer may order or spell the JSON differently.
            String difference = difference(Architecture.parse(saved.architecture), Architecture.parse(architecture));
            if (difference != null) {
                throw new IllegalArgumentException("resume: expected the architecture of the saved run, got "
                        + difference + "; build the model as the interrupted run did");
            }
        }
        if (dataCrc != null && saved.dataCrc != null && !dataCrc.equals(saved.dataCrc)) {
            throw new IllegalArgumentException("resume: expected the training rows of the saved run (crc32 "
                    + saved.dataCrc + "), got rows with crc32 " + dataCrc + "; the data changed since the "
                    + "checkpoint was written");
        }
    }

    /** The first layer that differs, in words, or null when none does. */
    private static String difference(List<LayerSpec> saved, List<LayerSpec> now) {
        for (int i = 0; i < Math.min(saved.size(), now.size()); i++) {
            if (!saved.get(i).equals(now.get(i))) {
                return "layer " + i + " " + shown(now.get(i)) + " where the saved run has " + shown(saved.get(i));
            }
        }
        if (saved.size() != now.size()) {
            return now.size() + " layers where the saved run has " + saved.size();
        }
        return null;
    }

    private static String shown(LayerSpec spec) {
        return spec.type() + (spec.fields().isEmpty() ? "" : spec.fields().toString());
    }

    static String architectureOf(Module model) {
        if (!(model instanceof Sequential sequential)) {
            return null;
        }
        try {
            return Architecture.describe(sequential);
        } catch (IllegalArgumentException e) {
            return null;   // a layer type that is not registered: the shapes are still checked
        }
    }

    /** CRC-32 of the features' and then the targets' float32 values, little-endian. */
    static String dataCrc(Dataset training) {
        Objects.requireNonNull(training, "training");
        CRC32 crc = new CRC32();
        ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] values : List.of(training.features().data(), training.targets().data())) {
            for (int from = 0; from < values.length; from += chunk.capacity() / Float.BYTES) {
                int count = Math.min(values.length - from, chunk.capacity() / Float.BYTES);
                chunk.clear();
                chunk.asFloatBuffer().put(values, from, count);
                chunk.limit(count * Float.BYTES);
                crc.update(chunk);
            }
        }
        return String.format(java.util.Locale.ROOT, "%08x", crc.getValue());
    }
}
