package dev.dendrite.train;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.dendrite.io.StoredTensor;
import dev.dendrite.optim.OptimizerState;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a {@link Trainer} needs to continue a run exactly: where it was, the epoch's running
 * sums, the learning rates, the weights and buffers, the optimizer's state, the random layers'
 * generator states, the history so far, the stateful callbacks' states, and the caller's run
 * settings; and its encoding as {@link CheckpointFile} metadata and tensors (see
 * {@code docs/checkpoints.md}). Immutable once built; the arrays are not copied again.
 *
 * @param position         the run's shape and how far it got
 * @param sums             the running sums of the epoch in progress (zero at an epoch boundary)
 * @param baseLearningRate the optimizer's rate when the run started, which schedules scale
 * @param learningRate     the optimizer's rate at the checkpoint
 * @param parameters       the model's parameters by {@code namedParameters()} name
 * @param buffers          the model's buffers by {@code namedBuffers()} name (none in files
 *                         written before buffers existed, whose models had none)
 * @param optimizer        the optimizer's state
 * @param generators       each Dropout generator's 48-bit state, by module path
 * @param history          the finished epochs
 * @param stopReason       why the run stopped early, or null
 * @param callbacks        the state of each {@link StatefulCallback}, in the trainer's order
 * @param settings         the run's settings as the caller gave them ({@link CheckpointPolicy#settings});
 *                         empty in files written before settings were saved
 * @param identity         the architecture and the training rows' checksum, parts of it unknown in
 *                         older files
 */
record Checkpoint(Position position, EpochSums sums, double baseLearningRate, double learningRate,
                  Map<String, StoredTensor> parameters, Map<String, StoredTensor> buffers, OptimizerState optimizer,
                  Map<String, Long> generators, List<EpochRecord> history, String stopReason,
                  List<SavedCallback> callbacks, Map<String, String> settings, RunIdentity identity) {
    static final String FORMAT = "dendrite-checkpoint";
    /** Written by this version; version 1 (whose checksum covers only the data) is still read. */
    static final String VERSION = "2";
    private static final String OPTIMIZER_PREFIX = "optimizer.";
    private static final String RANDOM_PREFIX = "random.";
    private static final String LAYERS_PREFIX = "monitor.";
    private static final String CALLBACK_PREFIX = "callback.";
    private static final String BUFFER_PREFIX = "buffer.";
    private static final String SETTINGS_PREFIX = "run.";
    private static final JsonFactory JSON = new JsonFactory();

    /**
     * The run's shape, {@code trainingRows} rows in batches of {@code batchSize} shuffled by
     * {@code seed}, and its finished epochs; {@link EpochSums#batches()} says how far into the next.
     */
    record Position(long seed, int batchSize, int trainingRows, int batchesPerEpoch, int epochsDone) {
    }

    /**
     * The epoch in progress: batches done, the running loss sum (loss times rows), correct
     * predictions, rows seen and the layer monitor's running figures; all zero or empty at an epoch
     * boundary.
     */
    record EpochSums(int batches, double lossSum, long correct, long seen, Map<String, String> layers) {
        static final EpochSums ZERO = new EpochSums(0, 0, 0, 0, Map.of());
    }

    /** A stateful callback's class name ({@code getName()}) and state. */
    record SavedCallback(String type, StatefulCallback.State state) {
    }

    /** Optimizer steps taken so far. */
    long step() {
        return (long) position.epochsDone() * position.batchesPerEpoch() + sums.batches();
    }

    /** The metadata strings of the file; doubles are written in Java's shortest exact form. */
    Map<String, String> metadata() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("format", FORMAT);
        out.put("format_version", VERSION);
        out.put("step", Long.toString(step()));
        out.put("epochs_done", Integer.toString(position.epochsDone()));
        out.put("batches_done", Integer.toString(sums.batches()));
        out.put("batches_per_epoch", Integer.toString(position.batchesPerEpoch()));
        out.put("batch_size", Integer.toString(position.batchSize()));
        out.put("training_rows", Integer.toString(position.trainingRows()));
        out.put("seed", Long.toString(position.seed()));
        out.put("loss_sum", Double.toString(sums.lossSum()));
        out.put("correct", Long.toString(sums.correct()));
        out.put("seen", Long.toString(sums.seen()));
        out.put("base_learning_rate", Double.toString(baseLearningRate));
        out.put("learning_rate", Double.toString(learningRate));
        out.put("optimizer", optimizer.optimizer());
        optimizer.counts().forEach((key, value) -> out.put(OPTIMIZER_PREFIX + key, Long.toString(value)));
        generators.forEach((path, state) -> out.put(RANDOM_PREFIX + path, Long.toString(state)));
        sums.layers().forEach((key, value) -> out.put(LAYERS_PREFIX + key, value));
        out.put("history", historyJson(history));
        if (stopReason != null) {
            out.put("stop_reason", stopReason);
        }
        for (int i = 0; i < callbacks.size(); i++) {
            String prefix = CALLBACK_PREFIX + i;
            out.put(prefix, callbacks.get(i).type());
            callbacks.get(i).state().values().forEach((key, value) -> out.put(prefix + "." + key, value));
        }
        settings.forEach((key, value) -> out.put(SETTINGS_PREFIX + key, value));
        identity.writeTo(out);
        return out;
    }

    /**
     * The model's parameters under their own names, its buffers under {@code buffer.}, then the
     * optimizer's arrays under {@code optimizer.} and the callbacks' under {@code callback.<i>.}.
     */
    Map<String, StoredTensor> tensors() {
        Map<String, StoredTensor> out = new LinkedHashMap<>(parameters);
        buffers.forEach((name, tensor) -> out.put(BUFFER_PREFIX + name, tensor));
        optimizer.tensors().forEach((key, values) -> out.put(OPTIMIZER_PREFIX + key,
                new StoredTensor(new int[] {values.length}, values)));
        for (int i = 0; i < callbacks.size(); i++) {
            String prefix = CALLBACK_PREFIX + i + ".";
            callbacks.get(i).state().arrays().forEach((key, values) -> out.put(prefix + key,
                    new StoredTensor(new int[] {values.length}, values)));
        }
        return out;
    }

    /**
     * Rebuilds a checkpoint from what {@link CheckpointFile#read} found.
     *
     * @throws CheckpointFormatException if a required entry is missing or malformed
     */
    static Checkpoint decode(CheckpointFile.Contents contents, Path file) throws CheckpointFormatException {
        Map<String, String> meta = contents.metadata();
        CheckpointFile.check(FORMAT.equals(meta.get("format")), file, "format '" + FORMAT + "'", meta.get("format"));
        CheckpointFile.check(VERSION.equals(meta.get("format_version"))
                        || CheckpointFile.DATA_ONLY_VERSION.equals(meta.get("format_version")), file,
                "format_version " + CheckpointFile.DATA_ONLY_VERSION + " or " + VERSION, meta.get("format_version"));
        try {
            Position position = new Position(Long.parseLong(required(meta, "seed", file)),
                    integer(meta, "batch_size", file), integer(meta, "training_rows", file),
                    integer(meta, "batches_per_epoch", file), integer(meta, "epochs_done", file));
            EpochSums sums = new EpochSums(integer(meta, "batches_done", file),
                    Double.parseDouble(required(meta, "loss_sum", file)),
                    Long.parseLong(required(meta, "correct", file)), Long.parseLong(required(meta, "seen", file)),
                    prefixed(meta, LAYERS_PREFIX));
            Map<String, StoredTensor> parameters = new LinkedHashMap<>();
            contents.tensors().forEach((name, tensor) -> {
                if (!name.startsWith(OPTIMIZER_PREFIX) && !name.startsWith(BUFFER_PREFIX)
                        && !name.startsWith(CALLBACK_PREFIX)) {
                    parameters.put(name, tensor);
                }
            });
            Map<String, float[]> optimizerTensors = new LinkedHashMap<>();
            prefixed(contents.tensors(), OPTIMIZER_PREFIX).forEach((name, tensor) ->
                    optimizerTensors.put(name, tensor.values()));
            Map<String, Long> counts = new LinkedHashMap<>();
            prefixed(meta, OPTIMIZER_PREFIX).forEach((key, value) -> counts.put(key, Long.parseLong(value)));
            Map<String, Long> generators = new LinkedHashMap<>();
            prefixed(meta, RANDOM_PREFIX).forEach((key, value) -> generators.put(key, Long.parseLong(value)));
            Map<String, StoredTensor> buffers = prefixed(contents.tensors(), BUFFER_PREFIX);
            Map<String, String> settings = java.util.Collections.unmodifiableMap(prefixed(meta, SETTINGS_PREFIX));
            Checkpoint checkpoint = new Checkpoint(position, sums,
                    Double.parseDouble(required(meta, "base_learning_rate", file)),
                    Double.parseDouble(required(meta, "learning_rate", file)), parameters, buffers,
                    new OptimizerState(required(meta, "optimizer", file), optimizerTensors, counts), generators,
                    parseHistory(required(meta, "history", file), file), meta.get("stop_reason"),
                    CheckpointCallbacks.decode(CALLBACK_PREFIX, contents, file), settings, RunIdentity.from(meta));
            CheckpointFile.check(Long.toString(checkpoint.step()).equals(meta.get("step")), file,
                    "step " + checkpoint.step() + " (epochs_done x batches_per_epoch + batches_done)",
                    meta.get("step"));
            return checkpoint;
        } catch (NumberFormatException e) {
            throw new CheckpointFormatException(file + ": expected numbers in the metadata, got " + e.getMessage(), e);
        }
    }

    /** The entries whose keys start with {@code prefix}, under their keys without it, in order. */
    private static <V> Map<String, V> prefixed(Map<String, V> entries, String prefix) {
        Map<String, V> out = new LinkedHashMap<>();
        entries.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                out.put(key.substring(prefix.length()), value);
            }
        });
        return out;
    }

    private static String required(Map<String, String> meta, String key, Path file) throws CheckpointFormatException {
        String value = meta.get(key);
        CheckpointFile.check(value != null, file, "a metadata entry '" + key + "'", "none");
        return value;
    }

    private static int integer(Map<String, String> meta, String key, Path file) throws CheckpointFormatException {
        int value = Integer.parseInt(required(meta, key, file));
        CheckpointFile.check(value >= 0, file, "'" + key + "' >= 0", value);
        return value;
    }

    /** {@code [{"epoch":1,"seconds":"0.25","metrics":{"loss":"0.69",...}},...]}, numbers as exact strings. */
    private static String historyJson(List<EpochRecord> history) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartArray();
            for (EpochRecord record : history) {
                json.writeStartObject();
                json.writeNumberField("epoch", record.epoch());
                json.writeStringField("seconds", Double.toString(record.seconds()));
                json.writeObjectFieldStart("metrics");
                for (Map.Entry<String, Double> metric : record.metrics().entrySet()) {
                    json.writeStringField(metric.getKey(), Double.toString(metric.getValue()));
                }
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return text.toString();
    }

    private static List<EpochRecord> parseHistory(String text, Path file) throws CheckpointFormatException {
        List<EpochRecord> history = new ArrayList<>();
        try (JsonParser json = JSON.createParser(text)) {
            CheckpointFile.check(json.nextToken() == JsonToken.START_ARRAY, file, "a history array", text);
            while (json.nextToken() == JsonToken.START_OBJECT) {
                int epoch = 0;
                double seconds = Double.NaN;
                Map<String, Double> metrics = new LinkedHashMap<>();
                while (json.nextToken() == JsonToken.FIELD_NAME) {
                    String field = json.currentName();
                    json.nextToken();
                    switch (field) {
                        case "epoch" -> epoch = json.getIntValue();
                        case "seconds" -> seconds = Double.parseDouble(json.getText());
                        case "metrics" -> {
                            while (json.nextToken() == JsonToken.FIELD_NAME) {
                                String name = json.currentName();
                                json.nextToken();
                                metrics.put(name, Double.parseDouble(json.getText()));
                            }
                        }
                        default -> CheckpointFile.check(false, file, "epoch, seconds and metrics in the history",
                                field);
                    }
                }
                history.add(new EpochRecord(epoch, metrics, seconds));
            }
        } catch (CheckpointFormatException e) {
            throw e;
        } catch (IOException | NumberFormatException e) {
            throw new CheckpointFormatException(file + ": expected a valid history, got " + e.getMessage(), e);
        }
        return history;
    }
}
