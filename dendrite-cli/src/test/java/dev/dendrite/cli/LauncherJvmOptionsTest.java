package dev.dendrite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM options the launcher chooses: the collector settings and loop strip mining, which the
 * AVX2 matrix kernel needs at full speed under the parallel collector. A stand-in JDK (a
 * {@code release} file and a {@code java} script that writes its arguments down) stands in for
 * the real one, and a stand-in jar keeps the launcher from building.
 */
class LauncherJvmOptionsTest {
    private static final String STRIP_MINING = "-XX:+UseCountedLoopSafepoints";

    @TempDir
    Path folder;

    /** The arguments the launcher gives java for {@code --version} with {@code jvmOptions} in DENDRITE_JVM_OPTS. */
    private List<String> javaArguments(String jvmOptions) throws IOException, InterruptedException {
        Path root = Files.createDirectories(folder.resolve("dendrite"));
        Path launcher = root.resolve("dendrite");
        Files.copy(Path.of("..", "dendrite"), launcher, StandardCopyOption.REPLACE_EXISTING);
        Files.createDirectories(root.resolve("dendrite-cli/target/lib"));
        Files.writeString(root.resolve("dendrite-cli/target/dendrite-cli.jar"), "stand-in");
        Path home = Files.createDirectories(folder.resolve("jdk/bin"));
        Files.writeString(folder.resolve("jdk/release"), "JAVA_VERSION=\"25.0.3\"\n");
        Path arguments = folder.resolve("arguments");
        Path java = Files.writeString(home.resolve("java"),
                "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > \"" + arguments + "\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder builder = new ProcessBuilder("bash", launcher.toString(), "--version").redirectErrorStream(true);
        builder.environment().put("DENDRITE_JAVA", java.toString());
        builder.environment().put("DENDRITE_JVM_OPTS", jvmOptions);
        builder.environment().put("DENDRITE_CDS", "off");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        return Files.readAllLines(arguments);
    }

    /** The first line of {@code /proc/<file>} that starts with {@code key}, or null (none, or no /proc). */
    private static String procLine(String file, String key) throws IOException {
        Path path = Path.of("/proc", file);
        if (!Files.isReadable(path)) {
            return null;
        }
        return Files.readAllLines(path).stream().filter(line -> line.startsWith(key)).findFirst().orElse(null);
    }

    /** Whether the launcher's AVX2 matrix kernel runs here: an x86 processor with AVX2 and without AVX-512. */
    private static boolean avx2KernelRuns() throws IOException {
        String line = procLine("cpuinfo", "flags");
        if (line == null) {
            return false;
        }
        List<String> flags = Arrays.asList(line.substring(line.indexOf(':') + 1).trim().split("\\s+"));
        return flags.contains("avx2") && !flags.contains("avx512f");
    }

    @Test
    void stripMiningIsAskedForWhenAvx2IsForced() throws Exception {
        for (String forced : List.of("-XX:UseAVX=2", "-Xmx2g -XX:MaxVectorSize=32 -Xss2m")) {
            List<String> arguments = javaArguments(forced);
            assertTrue(arguments.contains(STRIP_MINING), forced + ": " + arguments);
            assertTrue(arguments.contains("-XX:LoopStripMiningIter=1000"), forced + ": " + arguments);
        }
    }

    @Test
    void stripMiningFollowsTheProcessorWhenNothingIsForced() throws Exception {
        assertEquals(avx2KernelRuns(), javaArguments("").contains(STRIP_MINING));
        assertEquals(avx2KernelRuns(), javaArguments("-XX:UseAVX=3").contains(STRIP_MINING));
    }

    @Test
    void aUserChoiceAboutStripMiningIsLeftAlone() throws Exception {
        List<String> arguments = javaArguments("-XX:UseAVX=2 -XX:-UseCountedLoopSafepoints");
        assertFalse(arguments.contains(STRIP_MINING), arguments.toString());
        assertTrue(arguments.contains("-XX:-UseCountedLoopSafepoints"), arguments.toString());
    }

    /** The launcher leaves the collector alone on machines under 3 GB. */
    private static boolean launcherPicksTheCollector() throws IOException {
        String line = procLine("meminfo", "MemTotal:");
        return line == null || Long.parseLong(line.replaceAll("[^0-9]", "")) >= 3L * 1024 * 1024;
    }

    @Test
    void aCollectorChosenByTheUserReplacesTheLaunchersSettings() throws Exception {
        List<String> arguments = javaArguments("-XX:+UseG1GC");
        assertFalse(arguments.contains("-XX:+UseParallelGC"), arguments.toString());
        assertTrue(arguments.contains("-XX:+UseG1GC"), arguments.toString());
    }

    @Test
    void aSmallHeapGetsAQuarterOfItAsYoungGeneration() throws Exception {
        assumeTrue(launcherPicksTheCollector(), "under 3 GB of memory the launcher sets no collector");
        assertTrue(javaArguments("-Xmx300m").contains("-Xmn75m"));
        assertTrue(javaArguments("").contains("-Xmn256m"));
    }
}
