package dev.dendrite.cli;

import dev.dendrite.onnx.OnnxExport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dendrite export}: writes a saved model as an ONNX file for ONNX Runtime and other ONNX
 * runtimes. The sample shape is the model's (recorded at training time for convolutional models);
 * the file's metadata (class names, loss, training settings) goes into {@code metadata_props}. A
 * model trained with feature scaling starts with its Normalization layer, which is exported as
 * Sub and Div, so the ONNX model takes raw inputs as {@code dendrite predict} does.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a saved model as an ONNX file (batch dimension dynamic, metadata in metadata_props).",
        footer = {"", "Example:", "  dendrite export --model model.safetensors --out model.onnx --opset 17"})
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "The model file.")
    Path modelFile;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The ONNX file to write.")
    Path out;

    @Option(names = "--opset", paramLabel = "N", defaultValue = "" + OnnxExport.DEFAULT_OPSET,
            description = "The ONNX opset, " + OnnxExport.MIN_OPSET + " to " + OnnxExport.MAX_OPSET
                    + " (default: ${DEFAULT-VALUE}).")
    int opset;

    @Option(names = "--verbose", description = "Print stack traces of errors.")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        if (opset < OnnxExport.MIN_OPSET || opset > OnnxExport.MAX_OPSET) {
            throw new UsageException("--opset: expected an opset from " + OnnxExport.MIN_OPSET + " to "
                    + OnnxExport.MAX_OPSET + ", got " + opset);
        }
        TrainedModel trained = TrainedModel.load(modelFile);
        int[] sample = trained.sampleInputShape();
        if (sample == null) {
            throw new IllegalArgumentException("export: expected a model whose input shape is known, got one whose "
                    + "first layer takes any shape and no '" + TrainedModel.INPUT_SHAPE + "' in its metadata");
        }
        Map<String, String> metadata = new LinkedHashMap<>(trained.metadata());
        metadata.keySet().removeAll(TrainedModel.RESERVED_KEYS);
        trained.model().eval();
        OnnxExport.save(trained.model(), sample, out, OnnxExport.Options.defaults().withOpset(opset)
                .withMetadata(metadata));
        spec.commandLine().getOut().println("wrote " + out + " (opset " + opset + ", input [batch, "
                + java.util.Arrays.toString(sample).replaceAll("[\\[\\]]", "") + "])");
        return 0;
    }
}
