package dev.dendrite.cli.ui;

import dev.dendrite.data.DataFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** A finished run's state, read from its report folder's {@code history.csv}. */
public final class ReportState {
    private ReportState() {
    }

    /**
     * Reads {@code folder/history.csv} into a finished {@link RunState}.
     *
     * @throws IOException naming the file and line when it is missing or malformed
     */
    public static RunState load(Path folder) throws IOException {
        Path csv = folder.resolve("history.csv");
        if (!Files.isRegularFile(csv)) {
            throw new IOException(folder + ": expected a report folder with history.csv, got none");
        }
        List<String> lines = Files.readAllLines(csv);
        if (lines.isEmpty() || !lines.get(0).startsWith("epoch,seconds")) {
            throw new DataFormatException(csv + " line 1: expected a header 'epoch,seconds,...', got "
                    + (lines.isEmpty() ? "an empty file" : "'" + lines.get(0) + "'"));
        }
        List<String> header = Arrays.asList(lines.get(0).split(","));
        List<String> names = header.subList(2, header.size());
        RunState state = new RunState("report " + folder);
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] cells = lines.get(i).split(",", -1);
            if (cells.length != header.size()) {
                throw new DataFormatException(csv + " line " + (i + 1) + ": expected " + header.size()
                        + " columns, got " + cells.length);
            }
            try {
                double[] values = new double[names.size()];
                for (int c = 0; c < values.length; c++) {
                    values[c] = Double.parseDouble(cells[c + 2]);
                }
                state.addEpoch(Integer.parseInt(cells[0]), Double.parseDouble(cells[1]), RunState.metrics(names, values));
            } catch (NumberFormatException e) {
                throw new DataFormatException(csv + " line " + (i + 1) + ": expected numbers, got '" + lines.get(i) + "'");
            }
        }
        state.finish("finished run, read from " + csv);
        return state;
    }
}
