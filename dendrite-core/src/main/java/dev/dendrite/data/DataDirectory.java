package dev.dendrite.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds a data set's folder without configuration: the environment variable {@code DENDRITE_DATA}
 * first, then {@code shared/data/<name>} beside the working directory or one of its parents, which
 * is where a checkout finds the shared data folder next to it. Stateless.
 */
final class DataDirectory {
    /** The environment variable naming a folder that holds one subfolder per data set. */
    static final String ENVIRONMENT_VARIABLE = "DENDRITE_DATA";
    // The working directory and this many parents are searched; a module folder sits two or three deep.
    private static final int LEVELS_UP = 4;

    private DataDirectory() {
    }

    /** The places searched for {@code subfolder}, in order, given the environment value (may be null). */
    static List<Path> candidates(String subfolder, String environmentValue, Path workingDirectory) {
        List<Path> candidates = new ArrayList<>();
        if (environmentValue != null && !environmentValue.isBlank()) {
            candidates.add(Path.of(environmentValue).resolve(subfolder));
        } else {
            // Where `dendrite data fetch` puts files when DENDRITE_DATA is not set.
            candidates.add(Path.of(System.getProperty("user.home"), ".cache", "dendrite", subfolder));
        }
        Path directory = workingDirectory.toAbsolutePath().normalize();
        for (int level = 0; level <= LEVELS_UP && directory != null; level++) {
            candidates.add(directory.resolve("shared").resolve("data").resolve(subfolder));
            directory = directory.getParent();
        }
        return candidates;
    }

    /** The places searched for {@code subfolder} from this process's environment and working directory. */
    static List<Path> candidates(String subfolder) {
        return candidates(subfolder, System.getenv(ENVIRONMENT_VARIABLE), Path.of(""));
    }

    /** The first candidate folder holding {@code marker} (or {@code marker.gz}). */
    static Optional<Path> find(List<Path> candidates, String marker) {
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate.resolve(marker)) || Files.isRegularFile(candidate.resolve(marker + ".gz"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
