package dev.dendrite.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every command that reads {@code --model} names a file of another kind in one line, without a stack trace. */
class NotAModelFileTest {
    @TempDir
    static Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"evaluate --data iris", "predict --input 5.1,3.5,1.4,0.2", "summary",
        "trace --input 5.1,3.5,1.4,0.2", "export --out m.onnx"})
    void aTextFileAsModelIsNamedAsNotASafetensorsFile(String command) throws IOException {
        Path readme = Files.writeString(directory.resolve("README.md"), "# Dendrite\n\nDeep learning from scratch.\n");
        String[] words = (command + " --model " + readme).split(" ");
        String name = words[0];
        CliRun.of(words).assertFails(1, "dendrite " + name + ": " + readme + ": not a safetensors model file (");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{}", "ab"})
    void tinyFilesAreNamedTheSameWay(String content) throws IOException {
        Path file = Files.writeString(directory.resolve("tiny.bin"), content);
        CliRun.of("summary", "--model", file.toString()).assertFails(1, file + ": not a safetensors model file (");
    }
}
