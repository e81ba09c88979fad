package dev.dendrite.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.dendrite.data.Dataset;
import dev.dendrite.data.Mnist;
import dev.dendrite.loss.CrossEntropy;
import dev.dendrite.nn.MlpSpec;
import dev.dendrite.nn.Sequential;
import dev.dendrite.optim.Adam;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training the 784-256-128-10 MLP on all of MNIST fits in a 1 GiB heap. A child JVM started with
 * {@code -Xmx1g} does what {@code dendrite train --data mnist:DIR --epochs 1 --batch 128} does:
 * loads the training and test sets (pixels as floats, {@code [60000, 784]} and {@code [10000, 784]}),
 * holds out 20% for validation (a copy of the rows), and trains one epoch with Adam. It prints its
 * peak resident memory (VmHWM), which this test passes on to the report. Slow, so tagged.
 */
@Tag("slow")
class MnistMemoryTest {
    private static final Pattern RESULT = Pattern.compile("validation accuracy (\\S+), peak resident (\\S+) kB");

    @TempDir
    Path directory;

    @Test
    void oneEpochOnAllOfMnistFitsInAOneGigabyteHeap() throws Exception {
        Optional<Path> mnist = Mnist.defaultDirectory();
        Assumptions.assumeTrue(mnist.isPresent(), "MNIST not found at " + Mnist.searchedDirectories() + ": skipping");
        Path log = directory.resolve("child.log");
        Process child = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "--add-modules", "jdk.incubator.vector", "-cp", classPath(), Training.class.getName(),
                mnist.get().toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!child.waitFor(10, TimeUnit.MINUTES)) {
            child.destroyForcibly();
            fail("the -Xmx1g training did not finish within 10 minutes; output:\n" + Files.readString(log));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), "the -Xmx1g training failed:\n" + output);
        Matcher result = RESULT.matcher(output);
        assertTrue(result.find(), "no result line in:\n" + output);
        System.out.println("MNIST, 1 epoch, -Xmx1g: " + result.group());
        assertTrue(Double.parseDouble(result.group(1)) > 0.9, "one epoch should reach 90%: " + result.group());
    }

    /** The test's class path, also under Surefire's manifest-only booter jar. */
    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    /** The child: one epoch as the train command runs it, then the result and the peak resident memory. */
    static final class Training {
        private Training() {
        }

        public static void main(String[] args) throws IOException {
            Path directory = Path.of(args[0]);
            Dataset all = Mnist.load(directory, true);
            Dataset test = Mnist.load(directory, false);
            Dataset[] parts = all.split(0.8, 42);
            Sequential model = MlpSpec.parse("mlp:784-256-128-10:relu").build(new Random(42));
            Trainer trainer = Trainer.builder(model, new CrossEntropy(), new Adam(model.parameters(), 1e-3))
                    .epochs(1).batchSize(128).seed(42).validation(parts[1]).build();
            trainer.fit(parts[0]);
            double accuracy = trainer.evaluate(parts[1]).accuracy();
            // Kept reachable to the end, as the train command keeps them.
            int rows = all.size() + test.size();
            System.out.printf(java.util.Locale.ROOT, "%d rows; validation accuracy %.4f, peak resident %s kB%n",
                    rows, accuracy, peakResidentKilobytes());
        }

        /** VmHWM from /proc/self/status, or "unknown" off Linux. */
        private static String peakResidentKilobytes() throws IOException {
            Path status = Path.of(File.separator + "proc", "self", "status");
            if (!Files.isReadable(status)) {
                return "unknown";
            }
            return Files.readAllLines(status).stream().filter(line -> line.startsWith("VmHWM:"))
                    .map(line -> line.replaceAll("[^0-9]", "")).findFirst().orElse("unknown");
        }
    }
}
