package dev.dendrite.spark;

import dev.dendrite.io.ModelFile;
import dev.dendrite.io.SavedModel;
import dev.dendrite.nn.Sequential;
import dev.dendrite.optim.OptimizerState;
import dev.dendrite.train.EpochRecord;
import dev.dendrite.train.History;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The driver's checkpoints of a Spark run, in a folder: {@code checkpoint-<round>.safetensors}, a
 * model file ({@code io.ModelFile}: safetensors, the architecture in its metadata, written
 * atomically) whose metadata also says where the run is ({@code spark.*} keys), and beside it
 * {@code optimizer-<round>.bin} with the optimizer's state (written first, atomically, so a model
 * file is only ever there with its optimizer file). The core's own checkpoint format is internal
 * to its {@code train} package; these files open with {@code ModelFile.load} and every safetensors
 * reader. The newest {@value #KEEP} are kept. Stateless.
 */
final class SparkCheckpoint {
    static final int KEEP = 3;
    private static final Pattern NAME = Pattern.compile("checkpoint-(\\d+)\\.safetensors");
    private static final int MAGIC = 0x44535031; // "DSP1"

    /** A checkpoint read back: the model, the optimizer state and the {@code spark.*} metadata. */
    record Loaded(Path file, SavedModel saved, OptimizerState optimizer, Map<String, String> metadata) {
        long round() {
            return Long.parseLong(metadata.get("spark.round"));
        }
    }

    private SparkCheckpoint() {
    }

    /** Writes the checkpoint of round {@code round} into {@code folder} and drops all but the newest {@value #KEEP}. */
    static void save(Path folder, long round, Sequential model, OptimizerState optimizer, Map<String, String> metadata)
            throws IOException {
        Files.createDirectories(folder);
        Path state = folder.resolve("optimizer-" + round + ".bin");
        Path temporary = folder.resolve(".optimizer-" + round + ".bin.tmp");
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(temporary)))) {
            writeState(out, optimizer);
        }
        Files.move(temporary, state, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Map<String, String> all = new LinkedHashMap<>(metadata);
        all.put("spark.round", Long.toString(round));
        ModelFile.save(folder.resolve("checkpoint-" + round + ".safetensors"), model, all);
        List<Long> rounds = rounds(folder);
        for (int i = 0; i < rounds.size() - KEEP; i++) {
            Files.deleteIfExists(folder.resolve("checkpoint-" + rounds.get(i) + ".safetensors"));
            Files.deleteIfExists(folder.resolve("optimizer-" + rounds.get(i) + ".bin"));
        }
    }

    /** The newest checkpoint in {@code folder}. */
    static Loaded latest(Path folder) throws IOException {
        List<Long> rounds = Files.isDirectory(folder) ? rounds(folder) : List.of();
        if (rounds.isEmpty()) {
            throw new NoSuchFileException(folder + ": expected checkpoint-<round>.safetensors files, got none");
        }
        long round = rounds.get(rounds.size() - 1);
        Path file = folder.resolve("checkpoint-" + round + ".safetensors");
        SavedModel saved = ModelFile.load(file);
        OptimizerState state;
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(
                Files.newInputStream(folder.resolve("optimizer-" + round + ".bin"))))) {
            state = readState(in, file);
        }
        return new Loaded(file, saved, state, saved.metadata());
    }

    private static List<Long> rounds(Path folder) throws IOException {
        List<Long> rounds = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.forEach(f -> {
                Matcher m = NAME.matcher(f.getFileName().toString());
                if (m.matches() && Files.exists(folder.resolve("optimizer-" + m.group(1) + ".bin"))) {
                    rounds.add(Long.parseLong(m.group(1)));
                }
            });
        }
        rounds.sort(null);
        return rounds;
    }

    private static void writeState(DataOutputStream out, OptimizerState state) throws IOException {
        out.writeInt(MAGIC);
        out.writeUTF(state.optimizer());
        out.writeInt(state.tensors().size());
        for (Map.Entry<String, float[]> entry : state.tensors().entrySet()) {
            out.writeUTF(entry.getKey());
            out.writeInt(entry.getValue().length);
            for (float v : entry.getValue()) {
                out.writeFloat(v);
            }
        }
        out.writeInt(state.counts().size());
        for (Map.Entry<String, Long> entry : state.counts().entrySet()) {
            out.writeUTF(entry.getKey());
            out.writeLong(entry.getValue());
        }
    }

    private static OptimizerState readState(DataInputStream in, Path file) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException(file + ": expected a dendrite-spark optimizer file beside it, got another file");
        }
        String name = in.readUTF();
        Map<String, float[]> tensors = new LinkedHashMap<>();
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            String key = in.readUTF();
            float[] values = new float[in.readInt()];
            for (int j = 0; j < values.length; j++) {
                values[j] = in.readFloat();
            }
            tensors.put(key, values);
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        int counters = in.readInt();
        for (int i = 0; i < counters; i++) {
            counts.put(in.readUTF(), in.readLong());
        }
        return new OptimizerState(name, tensors, counts);
    }

    /** The history as one metadata string: a line per epoch, {@code epoch \t seconds \t name=value;...}. */
    static String encode(History history) {
        StringBuilder out = new StringBuilder();
        for (EpochRecord record : history.epochs()) {
            out.append(record.epoch()).append('\t').append(record.seconds()).append('\t');
            record.metrics().forEach((k, v) -> out.append(k).append('=').append(v).append(';'));
            out.append('\n');
        }
        return out.toString();
    }

    static History decode(String text) {
        History history = new History();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\t", -1);
            Map<String, Double> metrics = new LinkedHashMap<>();
            for (String pair : parts[2].split(";")) {
                if (!pair.isEmpty()) {
                    int eq = pair.indexOf('=');
                    metrics.put(pair.substring(0, eq), Double.parseDouble(pair.substring(eq + 1)));
                }
            }
            history.add(new EpochRecord(Integer.parseInt(parts[0]), metrics, Double.parseDouble(parts[1])));
        }
        return history;
    }
}
