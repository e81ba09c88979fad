package dev.dendrite.cli.plot;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options every {@code plot} subcommand shares, {@code --out FILE.png [--width W --height H]},
 * and writing the finished image. Used as a picocli mixin; one instance per command invocation.
 */
final class PlotOutput {
    static final int MIN_SIZE = 600;
    static final int MAX_SIZE = 6000;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "The PNG file to write.")
    Path out;

    @Option(names = "--width", paramLabel = "W", defaultValue = "1500",
            description = "Image width in pixels (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", paramLabel = "H", defaultValue = "1400",
            description = "Image height in pixels (default: ${DEFAULT-VALUE}).")
    int height;

    /** Rejects sizes outside [MIN_SIZE, MAX_SIZE] as usage errors, before any drawing. */
    void validate() {
        checkSize("--width", width);
        checkSize("--height", height);
    }

    private void checkSize(String option, int value) {
        if (value < MIN_SIZE || value > MAX_SIZE) {
            throw new ParameterException(spec.commandLine(),
                    option + ": expected " + MIN_SIZE + " to " + MAX_SIZE + " pixels, got " + value);
        }
    }

    /**
     * Writes {@code image} to {@link #out} as PNG. The image is encoded in memory first, so a
     * failure never leaves a half-written file.
     *
     * @throws IOException naming the path and the reason when the file cannot be written
     */
    void write(BufferedImage image) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", png)) {
            throw new IOException("cannot write " + out + ": no PNG writer in this Java runtime");
        }
        Path absolute = out.toAbsolutePath();
        try {
            Files.write(absolute, png.toByteArray());
        } catch (NoSuchFileException e) {
            Path directory = absolute.getParent();
            String reason = directory != null && !Files.isDirectory(directory)
                    ? "directory " + directory + " does not exist"
                    : "the file cannot be created there";
            throw new IOException("cannot write " + out + ": " + reason, e);
        } catch (AccessDeniedException e) {
            throw new IOException("cannot write " + out + ": permission denied", e);
        } catch (FileSystemException e) {
            String reason = e.getReason() == null ? e.getClass().getSimpleName() : e.getReason();
            throw new IOException("cannot write " + out + ": " + reason, e);
        }
    }
}
