package dev.dendrite.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that declare or imply more memory than the heap holds are refused before the memory is
 * allocated, with a message naming the file, the estimate and the heap's limit, never an
 * {@link OutOfMemoryError}: a gzipped IDX header declaring 100,000 images, an 8 MB CSV, a 20 MB
 * safetensors header, each under a 64 MB heap in a child JVM.
 */
@Tag("slow")
class HeapLimitTest {
    @TempDir
    Path folder;

    @Test
    void filesTooLargeForTheHeapAreRefusedBeforeAllocating() throws Exception {
        Path mnist = Files.createDirectories(folder.resolve("mnist"));
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(
                Files.newOutputStream(mnist.resolve("train-images-idx3-ubyte.gz"))))) {
            out.writeInt(Idx.IMAGES_MAGIC);
            out.writeInt(100_000);
            out.writeInt(28);
            out.writeInt(28);
            out.write(new byte[1000]);   // the header is all that is read
        }
        Files.write(mnist.resolve("train-labels-idx1-ubyte"), new byte[0]);
        Path csv = folder.resolve("big.csv");
        try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("a,b,c,d,label\n");
            for (int row = 0; row < 800_000; row++) {
                out.write("1,2,3,4,0\n");
            }
        }
        Path model = folder.resolve("header.safetensors");
        long headerLength = 20L << 20;
        try (FileChannel channel = FileChannel.open(model, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, headerLength));
            channel.write(ByteBuffer.wrap(new byte[] {'{'}), 8 + headerLength - 1);
        }

        List<String> lines = runChild("mnist:" + mnist, "csv:" + csv, "safetensors:" + model);
        assertEquals(3, lines.size(), lines.toString());
        assertEquals("DataTooLargeException " + mnist.resolve("train-images-idx3-ubyte.gz") + ": its header declares "
                + "[100000, 28, 28] = 75 MB of pixels, which take about 374 MB; this JVM's heap is at most ",
                lines.get(0).substring(0, lines.get(0).indexOf("at most ") + "at most ".length()));
        assertTrue(lines.get(0).endsWith(" MB (give it more with -Xmx, for dendrite DENDRITE_JVM_OPTS=-Xmx1g)"),
                lines.get(0));
        assertTrue(lines.get(1).startsWith("DataTooLargeException " + csv + ": 8 MB of text with rows like its first "
                + "(10 bytes, 5 columns) make about 800001 rows, which take about "), lines.get(1));
        assertTrue(lines.get(2).startsWith("ModelFormatException " + model + ": expected a header this JVM can parse, "
                + "got one of 20971520 bytes, which takes about 100 MB to parse; the heap is at most "), lines.get(2));
    }

    private static List<String> runChild(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx64m", "-cp",
                System.getProperty("java.class.path"), HeapLimitChild.class.getName()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            lines = out.lines().filter(line -> !line.startsWith("WARNING")).toList();
        }
        child.waitFor();
        return lines;
    }
}
