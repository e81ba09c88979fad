package dev.dendrite.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dendrite import}: reads an ONNX model (from {@code dendrite export} or PyTorch) and saves
 * it as a Dendrite model file, with the ONNX file's {@code metadata_props} as its metadata.
 * Unsupported operators and damaged files are refused with one line.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Read an ONNX model and save it as a Dendrite model file.",
        footer = {"", "Example:", "  dendrite import model.onnx --out model.safetensors"})
final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ONNX", description = "The ONNX file.")
    Path onnxFile;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The model file to write.")
    Path out;

    @Option(names = "--verbose", description = "Print stack traces of errors.")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        if (!TrainedModel.isOnnx(onnxFile)) {
            throw new UsageException("ONNX: expected an ONNX file (name ending in .onnx), got " + onnxFile);
        }
        TrainedModel trained = TrainedModel.load(onnxFile);
        Map<String, String> metadata = new LinkedHashMap<>(trained.metadata());
        metadata.keySet().removeAll(TrainedModel.RESERVED_KEYS);
        metadata.put("dendrite.imported_from", String.valueOf(onnxFile.getFileName()));
        trained.save(out, metadata);
        spec.commandLine().getOut().println("wrote " + out + " (" + trained.model().layers().size() + " layers, "
                + trained.model().parameterCount() + " parameters)");
        return 0;
    }
}
