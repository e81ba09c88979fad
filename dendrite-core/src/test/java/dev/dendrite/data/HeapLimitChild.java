package dev.dendrite.data;

import dev.dendrite.io.SafetensorsReader;
import java.nio.file.Path;

/**
 * The child process of {@link HeapLimitTest}, run with a small heap: loads each file named on the
 * command line by its kind ({@code mnist:DIR}, {@code csv:FILE}, {@code safetensors:FILE}) and
 * prints one line per file: {@code ok}, or the exception's simple class name and message.
 */
public final class HeapLimitChild {
    private HeapLimitChild() {
    }

    /** {@code HeapLimitChild KIND:PATH...}. */
    public static void main(String[] args) {
        for (String arg : args) {
            String kind = arg.substring(0, arg.indexOf(':'));
            Path path = Path.of(arg.substring(kind.length() + 1));
            try {
                switch (kind) {
                    case "mnist" -> Mnist.load(path, true);
                    case "csv" -> Csv.read(path, CsvOptions.defaults());
                    default -> SafetensorsReader.open(path).close();
                }
                System.out.println("ok");
            } catch (Exception | OutOfMemoryError e) {
                System.out.println(e.getClass().getSimpleName() + " " + e.getMessage());
            }
        }
    }
}
