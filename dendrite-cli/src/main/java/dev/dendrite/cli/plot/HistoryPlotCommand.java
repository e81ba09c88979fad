package dev.dendrite.cli.plot;

import dev.dendrite.cli.TrainedModel;
import dev.dendrite.data.DataFormatException;
import dev.dendrite.train.EpochRecord;
import dev.dendrite.train.History;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dendrite plot history}: loss and accuracy per epoch from a training report's history.csv.
 * The model file (given, or found beside the report as {@code train} names them:
 * {@code iris.safetensors} for {@code iris-report/}) names the layers in the legends and the run in
 * the subtitle.
 */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Plot loss and accuracy (or RMSE) per epoch from the history.csv that 'train' writes.",
        footer = {"", "Example:", "  dendrite plot history --history iris-report/history.csv --out history.png"})
final class HistoryPlotCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PlotOutput output;

    @Option(names = "--history", defaultValue = "report/history.csv", paramLabel = "FILE",
            description = "The history CSV (default: ${DEFAULT-VALUE}).")
    Path historyFile;

    @Option(names = "--model", paramLabel = "FILE",
            description = "The trained model, to name layers and the run (default: the model beside the report, "
                    + "iris.safetensors for iris-report/history.csv, when there is one).")
    Path modelFile;

    @Override
    public Integer call() throws IOException {
        output.validate();
        History history = read(historyFile);
        Path model = modelFile != null ? modelFile : besideReport(historyFile);
        TrainedModel trained = model == null ? null : TrainedModel.load(model);
        String subheading = runName(trained, model, historyFile) + ", " + history.size() + " epoch"
                + (history.size() == 1 ? "" : "s");
        output.write(HistoryChartRenderer.picture(history, trained == null ? null : trained.model(), subheading,
                output.width, output.height));
        spec.commandLine().getOut().println("wrote " + output.out);
        return 0;
    }

    /** {@code DIR/iris.safetensors} for {@code DIR/iris-report/history.csv}, when that file exists; else null. */
    static Path besideReport(Path history) {
        Path folder = history.toAbsolutePath().getParent();
        if (folder == null || folder.getFileName() == null || !folder.getFileName().toString().endsWith("-report")) {
            return null;
        }
        String name = folder.getFileName().toString();
        Path model = folder.resolveSibling(name.substring(0, name.length() - "-report".length()) + ".safetensors");
        return Files.isRegularFile(model) ? model : null;
    }

    /**
     * The run in words: {@code iris.safetensors, mlp:4-16-3:relu on iris} from the model's training
     * metadata, or the report folder's name when there is no model.
     */
    static String runName(TrainedModel model, Path modelFile, Path history) {
        if (model == null) {
            Path folder = history.toAbsolutePath().getParent();
            return folder == null || folder.getFileName() == null ? "run" : "run " + folder.getFileName();
        }
        String data = model.metadata().get("dendrite.data");
        return modelFile.getFileName() + (data == null ? "" : " trained on " + data);
    }

    /** Reads what {@link History#toCsv()} wrote. */
    static History read(Path file) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build();
        History history = new History();
        try (Reader reader = Files.newBufferedReader(file); CSVParser parser = CSVParser.parse(reader, format)) {
            var header = parser.getHeaderNames();
            if (header.size() < 2 || !header.get(0).equals("epoch") || !header.get(1).equals("seconds")) {
                throw new DataFormatException(file + " line 1: expected a header starting with epoch,seconds, got "
                        + header);
            }
            for (CSVRecord record : parser) {
                long line = record.getRecordNumber() + 1;
                if (record.size() != header.size()) {
                    throw new DataFormatException(file + " line " + line + ": expected " + header.size()
                            + " columns, got " + record.size());
                }
                Map<String, Double> metrics = new LinkedHashMap<>();
                for (int c = 2; c < header.size(); c++) {
                    metrics.put(header.get(c), number(file, line, record.get(c)));
                }
                history.add(new EpochRecord((int) number(file, line, record.get(0)), metrics,
                        number(file, line, record.get(1))));
            }
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new DataFormatException(file + ": " + e.getMessage(), e);
        }
        if (history.size() == 0) {
            throw new DataFormatException(file + ": expected at least one epoch, got none");
        }
        return history;
    }

    private static double number(Path file, long line, String cell) throws DataFormatException {
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new DataFormatException(file + " line " + line + ": expected a number, got '" + cell + "'", e);
        }
    }
}
