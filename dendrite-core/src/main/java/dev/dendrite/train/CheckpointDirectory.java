package dev.dendrite.train;

import dev.dendrite.io.SafetensorsReader;
import dev.dendrite.io.SafetensorsWriter;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checkpoint folder: {@code checkpoint-<step>.safetensors} files numbered by optimizer steps,
 * {@code best.safetensors}, and the temporary files of saves in progress. Finds the newest complete
 * checkpoint, keeps the newest few, and clears a killed save's leftovers. Stateless and thread-safe;
 * one training run per folder.
 */
final class CheckpointDirectory {
    static final String BEST = "best.safetensors";
    private static final Pattern NAME = Pattern.compile("checkpoint-(\\d{1,18})\\.safetensors");

    /** A checkpoint file and its step number. */
    record Entry(Path file, long step) {
    }

    /** A loaded checkpoint, the file it came from, and newer files that could not be read. */
    record Found(Checkpoint checkpoint, Path file, List<Path> skipped) {
    }

    private CheckpointDirectory() {
    }

    /** The file name of the checkpoint after {@code step} steps: {@code checkpoint-000000123.safetensors}. */
    static Path fileFor(Path directory, long step) {
        return directory.resolve(String.format(java.util.Locale.ROOT, "checkpoint-%09d.safetensors", step));
    }

    /** The checkpoint files in {@code directory}, oldest first; none when it does not exist. */
    static List<Entry> list(Path directory) throws IOException {
        List<Entry> entries = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return entries;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                Matcher name = NAME.matcher(file.getFileName().toString());
                if (name.matches()) {
                    entries.add(new Entry(file, Long.parseLong(name.group(1))));
                }
            }
        }
        entries.sort(Comparator.comparingLong(Entry::step));
        return entries;
    }

    /**
     * Loads the newest checkpoint in {@code directory} that reads back complete; each newer one that
     * does not is reported to {@code warnings} in one line and listed in {@link Found#skipped()}.
     * Entries by a checkpoint's name that are not regular files (a folder, a FIFO, a dangling link)
     * are reported and passed over without being opened.
     *
     * @throws NoSuchFileException       if the folder holds no checkpoint file
     * @throws CheckpointFormatException if none of them reads back complete
     */
    static Found latest(Path directory, Consumer<String> warnings) throws IOException {
        List<Entry> entries = list(directory);
        if (entries.isEmpty()) {
            throw new NoSuchFileException(directory.toString(), null, "expected a folder of "
                    + "checkpoint-<step>.safetensors files to resume from, got "
                    + (Files.isDirectory(directory) ? "none" : "no such folder"));
        }
        List<Path> skipped = new ArrayList<>();
        CheckpointFormatException last = null;
        for (int i = entries.size() - 1; i >= 0; i--) {
            Path file = entries.get(i).file();
            String kind = SafetensorsReader.notRegular(file);
            if (kind != null) {
                // Never opened: a FIFO would block the resume until something wrote to it.
                warnings.accept("warning: skipping " + file + ": expected a checkpoint file, got " + kind);
                last = new CheckpointFormatException(file + ": expected a regular file, got " + kind);
                continue;
            }
            try {
                return new Found(read(file), file, skipped);
            } catch (CheckpointFormatException e) {
                warnings.accept("warning: skipping damaged checkpoint " + e.getMessage());
                skipped.add(file);
                last = e;
            }
        }
        throw new CheckpointFormatException(directory + ": expected a complete checkpoint, got " + entries.size()
                + " damaged one" + (entries.size() == 1 ? "" : "s") + " (the newest: " + last.getMessage() + ")", last);
    }

    /** Reads and decodes one checkpoint file. */
    static Checkpoint read(Path file) throws IOException {
        return Checkpoint.decode(CheckpointFile.read(file), file);
    }

    /**
     * Deletes all but the newest {@code keep} checkpoint files; entries by a checkpoint's name that
     * are not regular files (a folder, a FIFO, a link) are neither counted nor touched.
     */
    static void prune(Path directory, int keep) throws IOException {
        List<Entry> entries = new ArrayList<>(list(directory));
        entries.removeIf(entry -> !Files.isRegularFile(entry.file(), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        for (int i = 0; i < entries.size() - keep; i++) {
            Files.deleteIfExists(entries.get(i).file());
        }
    }

    /**
     * Deletes the temporary files of saves that a killed process never finished; those of a process
     * that still runs are left alone.
     */
    static void deleteLeftovers(Path directory) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                if (CheckpointFile.isTemporary(file) && SafetensorsWriter.isStaleTemporary(file)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /**
     * Renames damaged checkpoints that are newer than the one a run resumed from to
     * {@code <name>.damaged}, so that pruning does not keep them in place of good ones and the next
     * resume does not warn about them again.
     */
    static void setAside(List<Path> damaged) throws IOException {
        for (Path file : damaged) {
            Files.move(file, file.resolveSibling(file.getFileName() + ".damaged"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
