package dev.dendrite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {
    @TempDir
    Path directory;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(directory.resolve(name), content);
    }

    private DataFormatException refused(String name, String content, CsvOptions options) throws IOException {
        Path file = write(name, content);
        DataFormatException error = assertThrows(DataFormatException.class, () -> Csv.read(file, options));
        assertTrue(error.getMessage().startsWith(file.toString()), error.getMessage());
        return error;
    }

    @Test
    void readsNumericClassLabels() throws IOException {
        Dataset data = Csv.read(write("points.csv", "x,y,label\n1,2,0\n3.5,-4e1,2\n0.25,.5,1\n"));
        assertEquals("points", data.name());
        assertArrayEquals(new int[] {3, 2}, data.features().shape().dims());
        assertArrayEquals(new float[] {1, 2, 3.5f, -40, 0.25f, 0.5f}, data.features().toArray());
        assertArrayEquals(new float[] {0, 2, 1}, data.targets().toArray());
        assertEquals(3, data.numClasses());
        assertEquals(List.of("0", "1", "2"), data.classNames());
    }

    @Test
    void mapsTextLabelsThroughTheirSortedDistinctValues() throws IOException {
        String text = "petal_length,species,petal_width\n1.4,setosa,0.2\n5.1,virginica,1.8\n4.5,versicolor,1.5\n"
                + "1.3,setosa,0.3\n";
        Dataset data = Csv.read(write("flowers.csv", text), CsvOptions.defaults().labelColumn("species"));
        assertEquals(List.of("setosa", "versicolor", "virginica"), data.classNames());
        assertArrayEquals(new float[] {0, 2, 1, 0}, data.targets().toArray());
        // The label column is taken out wherever it sits; the features keep their order.
        assertArrayEquals(new float[] {1.4f, 0.2f, 5.1f, 1.8f}, data.features().sliceRows(0, 2).toArray());
    }

    @Test
    void givenClassNamesFixTheIndicesOfTextAndNumericLabels() throws IOException {
        Path file = write("some.csv", "a,label\n1,virginica\n2,setosa\n3,1\n");
        Dataset data = Csv.read(file, CsvOptions.defaults().classNames(List.of("setosa", "versicolor", "virginica")));
        assertArrayEquals(new float[] {2, 0, 1}, data.targets().toArray());
        assertEquals(3, data.numClasses());
        DataFormatException error = refused("bad.csv", "a,label\n1,rose\n",
                CsvOptions.defaults().classNames(List.of("setosa", "virginica")));
        assertTrue(error.getMessage().contains("line 2, column 'label': expected one of [setosa, virginica]"),
                error.getMessage());
    }

    @Test
    void choosesTheLabelColumnByIndexAndSkipsBlankLinesAndSpaces() throws IOException {
        Dataset data = Csv.read(write("first.csv", "target,a,b\r\n\r\n 1 , 2 ,3\r\n0,\"4\",5\n\n"),
                CsvOptions.defaults().labelIndex(0).name("tiny"));
        assertEquals("tiny", data.name());
        assertArrayEquals(new float[] {2, 3, 4, 5}, data.features().toArray());
        assertArrayEquals(new float[] {1, 0}, data.targets().toArray());
    }

    @Test
    void readsARegressionTargetAsAColumn() throws IOException {
        Dataset data = Csv.read(write("houses.csv", "rooms;price\n3;151.5\n4;-2\n"),
                CsvOptions.defaults().labelColumn("price").regression().delimiter(';'));
        assertFalse(data.isClassification());
        assertArrayEquals(new int[] {2, 1}, data.targets().shape().dims());
        assertArrayEquals(new float[] {151.5f, -2}, data.targets().toArray());
        assertArrayEquals(new float[] {3, 4}, data.features().toArray());
    }

    @Test
    void readsFromAReaderNamedBySource() throws IOException {
        Dataset data = Csv.read(new StringReader("a,label\n1,0\n"), "dev/dendrite/data/small.csv",
                CsvOptions.defaults());
        assertEquals("small", data.name());
        assertEquals(1, data.size());
    }

    @Test
    void raggedRowsNameTheLineAndBothColumnCounts() throws IOException {
        DataFormatException error = refused("digits.csv", "a,b,label\n1,2,0\n\n3,4\n", CsvOptions.defaults());
        assertTrue(error.getMessage().endsWith("digits.csv line 4: expected 3 columns, got 2"), error.getMessage());
    }

    @Test
    void lineNumbersCountLinesInsideQuotedCells() throws IOException {
        DataFormatException error = refused("quoted.csv", "a,label\n1,\"two\nlines\"\n2\n", CsvOptions.defaults());
        assertTrue(error.getMessage().endsWith("quoted.csv line 4: expected 2 columns, got 1"), error.getMessage());
    }

    @Test
    void nonNumericCellsNameTheLineColumnAndText() throws IOException {
        String text = "sepal_width,petal_width,label\n1,2,0\n1,2,0\n1,2,0\n1,abc,1\n";
        DataFormatException error = refused("iris.csv", text, CsvOptions.defaults());
        assertTrue(error.getMessage().endsWith("iris.csv line 5, column 'petal_width': expected a number, got 'abc'"),
                error.getMessage());
        for (String cell : List.of("1f", "0x10", "1e", "--1", "1,5")) {
            String quoted = "\"" + cell + "\"";
            String message = refused("odd.csv", "a,label\n" + quoted + ",0\n", CsvOptions.defaults()).getMessage();
            assertTrue(message.endsWith("expected a number, got '" + cell + "'"), message);
        }
    }

    @Test
    void refusesNaNInfinityAndEmptyCells() throws IOException {
        for (String cell : List.of("NaN", "nan", "-Infinity", "inf")) {
            String message = refused("nan.csv", "a,label\n" + cell + ",0\n", CsvOptions.defaults()).getMessage();
            assertTrue(message.endsWith("line 2, column 'a': expected a finite number, got '" + cell + "'"), message);
        }
        String overflow = refused("big.csv", "a,label\n1e39,0\n", CsvOptions.defaults()).getMessage();
        assertTrue(overflow.endsWith("expected a number within float range, got '1e39'"), overflow);
        String empty = refused("empty-cell.csv", "a,b,label\n1,,0\n", CsvOptions.defaults()).getMessage();
        assertTrue(empty.endsWith("line 2, column 'b': expected a number, got an empty cell"), empty);
        String noLabel = refused("no-label.csv", "a,label\n1,\n", CsvOptions.defaults()).getMessage();
        assertTrue(noLabel.endsWith("line 2, column 'label': expected a label, got an empty cell"), noLabel);
    }

    @Test
    void aMissingLabelColumnListsTheColumnsFound() throws IOException {
        String message = refused("no-label.csv", "sepal,petal,target\n1,2,0\n", CsvOptions.defaults()).getMessage();
        assertTrue(message.contains("expected a label column named 'label', got columns [sepal, petal, target]"),
                message);
        String index = refused("short.csv", "a,b\n1,0\n", CsvOptions.defaults().labelIndex(2)).getMessage();
        assertTrue(index.contains("expected a label column at index 2, got 2 columns [a, b]"), index);
    }

    @Test
    void emptyFilesAndHeaderOnlyFilesAreRefused() throws IOException {
        assertTrue(refused("empty.csv", "", CsvOptions.defaults()).getMessage()
                .endsWith("expected a header row, got an empty file"));
        assertTrue(refused("blank.csv", "\n\n", CsvOptions.defaults()).getMessage()
                .endsWith("expected a header row, got an empty file"));
        assertTrue(refused("header.csv", "a,label\n", CsvOptions.defaults()).getMessage()
                .endsWith("expected data rows after the header, got only the header"));
        assertTrue(refused("label-only.csv", "label\n1\n", CsvOptions.defaults()).getMessage()
                .contains("at least one feature column"));
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedSayingSo() throws IOException {
        Path file = directory.resolve("latin1.csv");
        java.nio.file.Files.write(file, new byte[] {'a', ',', 'l', 'a', 'b', 'e', 'l', '\n', (byte) 0xff, ',', '1', '\n'});
        DataFormatException e = org.junit.jupiter.api.Assertions.assertThrows(DataFormatException.class,
                () -> Csv.read(file));
        assertTrue(e.getMessage().startsWith(file + ": expected UTF-8 text"), e.getMessage());
    }

    @Test
    void fractionalOrNegativeClassLabelsPointToRegression() throws IOException {
        for (String label : List.of("1.5", "-1")) {
            String message = refused("labels.csv", "a,label\n1,0\n2," + label + "\n", CsvOptions.defaults())
                    .getMessage();
            assertTrue(message.contains("line 3, column 'label': expected a class index"), message);
            assertTrue(message.contains("got '" + label + "'. For a numeric target read the file as regression"),
                    message);
        }
    }

    @Test
    void oneHugeClassIndexIsRefusedInsteadOfBuildingThatManyClasses() throws IOException {
        String message = refused("huge.csv", "a,label\n1,0\n2,1\n3,65535\n", CsvOptions.defaults()).getMessage();
        assertTrue(message.endsWith("huge.csv line 4, column 'label': expected a class index (a whole number in "
                + "[0, 1000)), got '65535'. For a numeric target read the file as regression"), message);
        Dataset thousand = Csv.read(write("top.csv", "a,label\n1,999\n" + rows(0, 900)), CsvOptions.defaults());
        assertEquals(1000, thousand.numClasses());
    }

    @Test
    void sparseClassIndicesAreRefusedNamingTheLargest() throws IOException {
        String message = refused("sparse.csv", "a,label\n1,0\n2,1\n3,500\n4,1\n", CsvOptions.defaults())
                .getMessage();
        assertTrue(message.endsWith("sparse.csv line 4, column 'label': expected dense class indices (at most 100 of "
                + "0..500 unused), got 3 distinct labels up to 500, so 498 classes without a row. Number the "
                + "classes 0..K-1, or for a numeric target read the file as regression"), message);
        // gaps up to the limit are fine: 99 indices without a row
        assertEquals(101, Csv.read(write("gaps.csv", "a,label\n1,0\n2,100\n"), CsvOptions.defaults())
                .numClasses());
    }

    @Test
    void moreThanAThousandDistinctTextLabelsAreRefused() throws IOException {
        StringBuilder text = new StringBuilder("a,label\n");
        for (int i = 0; i < 1001; i++) {
            text.append(i).append(",id").append(i).append('\n');
        }
        String message = refused("ids.csv", text.toString(), CsvOptions.defaults()).getMessage();
        assertTrue(message.endsWith("ids.csv, column 'label': expected at most 1000 distinct class labels, got 1001 "
                + "(such as 'id0' and 'id999'); is it an id or a numeric target?"), message);
    }

    /** Rows {@code i,i} for i in [from, to): one row per class index. */
    private static String rows(int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i < to; i++) {
            text.append(i).append(',').append(i).append('\n');
        }
        return text.toString();
    }

    @Test
    void anUnclosedQuoteIsADataFormatError() throws IOException {
        String message = refused("quote.csv", "a,label\n\"1,0\n", CsvOptions.defaults()).getMessage();
        assertTrue(message.contains("line 2"), message);
    }

    @Test
    void optionsRejectContradictions() {
        assertThrows(IllegalArgumentException.class, () -> CsvOptions.defaults().labelIndex(-1));
        assertThrows(IllegalArgumentException.class, () -> CsvOptions.defaults().labelColumn(" "));
        assertThrows(IllegalArgumentException.class,
                () -> CsvOptions.defaults().regression().classNames(List.of("a")));
    }
}
