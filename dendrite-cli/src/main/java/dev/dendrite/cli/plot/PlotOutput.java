package dev.dendrite.cli.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options every {@code plot} subcommand shares, {@code --out FILE.png|FILE.svg [--width W --height H]},
 * and writing the finished picture: PNG pixels, or an SVG vector picture when the file name ends
 * in {@code .svg}. Used as a picocli mixin; one instance per command invocation.
 */
final class PlotOutput {
    static final int MIN_SIZE = 600;
    static final int MAX_SIZE = 6000;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE.png|FILE.svg",
            description = "The picture to write: PNG, or SVG (vector) for a name ending in .svg.")
    Path out;

    @Option(names = "--width", paramLabel = "W", defaultValue = "1500",
            description = "Image width in pixels (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", paramLabel = "H", defaultValue = "1400",
            description = "Image height in pixels (default: ${DEFAULT-VALUE}).")
    int height;

    /**
     * Rejects sizes outside [MIN_SIZE, MAX_SIZE] and file names that are neither {@code .png} nor
     * {@code .svg} as usage errors, before any drawing.
     */
    void validate() {
        checkSize("--width", width);
        checkSize("--height", height);
        String name = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".png") && !name.endsWith(".svg")) {
            throw new ParameterException(spec.commandLine(),
                    "--out: expected a file name ending in .png or .svg, got '" + out + "'");
        }
    }

    /**
     * Uses {@code fitted} as the height when {@code --height} was not given: for pictures whose
     * content has a natural shape (three tiles in a row), so the default leaves no empty band.
     */
    void defaultHeight(int fitted) {
        if (!spec.commandLine().getParseResult().hasMatchedOption("--height")) {
            height = Math.max(MIN_SIZE, Math.min(MAX_SIZE, fitted));
        }
    }

    private void checkSize(String option, int value) {
        if (value < MIN_SIZE || value > MAX_SIZE) {
            throw new ParameterException(spec.commandLine(),
                    option + ": expected " + MIN_SIZE + " to " + MAX_SIZE + " pixels, got " + value);
        }
    }

    /**
     * Writes {@code picture} to {@link #out}, as SVG or PNG by the file name.
     *
     * @throws IOException naming the path and the reason when the file cannot be written
     */
    void write(Picture picture) throws IOException {
        picture.write(out);
    }
}
