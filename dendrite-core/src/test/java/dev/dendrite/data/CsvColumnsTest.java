package dev.dendrite.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Csv#columns}: the header as {@link Csv#read} sees it, without reading the rows. */
class CsvColumnsTest {
    @TempDir
    Path directory;

    @Test
    void theHeaderIsTrimmedWithoutItsByteOrderMark() throws IOException {
        Path file = Files.writeString(directory.resolve("h.csv"), "\uFEFFrooms , \"price\",label\n1,2,a\n");
        assertEquals(List.of("rooms", "price", "label"), Csv.columns(file, CsvOptions.defaults()));
    }

    @Test
    void blankLinesBeforeTheHeaderAreSkippedAndTheDelimiterIsTheOptions() throws IOException {
        Path file = Files.writeString(directory.resolve("s.csv"), "\n\na;b\n1;2\n");
        assertEquals(List.of("a", "b"), Csv.columns(file, CsvOptions.defaults().delimiter(';')));
    }

    @Test
    void anEmptyFileHasNoColumns() throws IOException {
        Path file = Files.writeString(directory.resolve("e.csv"), "");
        assertEquals(List.of(), Csv.columns(file, CsvOptions.defaults()));
    }
}
