package dev.dendrite.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.io.ModelFile;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's jar set for using the core without Maven is complete: a program that saves, loads
 * and predicts with a model and reads a CSV file compiles and runs in a fresh JVM with exactly those
 * jars, and the core alone fails as a user saw it fail. The core jar is stood in for by the
 * compiled classes (this test runs before packaging); the others are the build's own copies, so
 * a version in the README that differs from the build's fails here.
 */
class CoreJarSetTest {
    private static final String SECTION = "### Without Maven: the jar set";
    private static final String PROGRAM = """
            import dev.dendrite.data.Csv;
            import dev.dendrite.data.Dataset;
            import dev.dendrite.io.ModelFile;
            import dev.dendrite.nn.Dense;
            import dev.dendrite.nn.Sequential;
            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.util.Map;
            import java.util.Random;

            public class Hello {
                public static void main(String[] args) throws Exception {
                    Path folder = Path.of(args[0]);
                    Path file = folder.resolve("m.safetensors");
                    ModelFile.save(file, new Sequential(new Dense(2, 3, new Random(1))), Map.of());
                    float[] output = ModelFile.load(file).model().predict(new float[] {1, 2});
                    Files.writeString(folder.resolve("d.csv"), "a,label\\n1,x\\n2,y\\n");
                    Dataset data = Csv.read(folder.resolve("d.csv"));
                    System.out.println("outputs " + output.length + ", rows " + data.size() + ", classes "
                            + data.classNames());
                }
            }
            """;

    @TempDir
    Path folder;

    /** The jar names listed in the README's section, in order. */
    static List<String> documentedJars() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf(SECTION);
        assertTrue(start >= 0, "README.md lacks the section " + SECTION);
        String section = readme.substring(start, readme.indexOf("```", start));
        List<String> jars = new ArrayList<>();
        Matcher item = Pattern.compile("(?m)^- `([^`]+\\.jar)`").matcher(section);
        while (item.find()) {
            jars.add(item.group(1));
        }
        return jars;
    }

    /** The class path entries for the documented jars: the core's classes and the build's copies of the others. */
    private static List<String> classPath(List<String> jars) throws URISyntaxException {
        List<String> entries = new ArrayList<>();
        String[] testClassPath = System.getProperty("java.class.path").split(File.pathSeparator);
        for (String jar : jars) {
            if (jar.startsWith("dendrite-core-")) {
                entries.add(coreClasses().toString());
                continue;
            }
            String found = null;
            for (String entry : testClassPath) {
                if (Path.of(entry).getFileName().toString().equals(jar)) {
                    found = entry;
                }
            }
            assertNotNull(found, "README.md names " + jar + ", which the build does not use; its class path: "
                    + String.join(File.pathSeparator, testClassPath));
            entries.add(found);
        }
        return entries;
    }

    private static Path coreClasses() throws URISyntaxException {
        return Path.of(ModelFile.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private record Outcome(int code, String output) {
    }

    private Outcome run(List<String> classPath) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "--add-modules", "jdk.incubator.vector",
                "-cp", String.join(File.pathSeparator, classPath) + File.pathSeparator + folder.resolve("classes"),
                "Hello", folder.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the program finished");
        return new Outcome(process.exitValue(), output);
    }

    private void compile(List<String> classPath) throws IOException {
        Path source = Files.writeString(folder.resolve("Hello.java"), PROGRAM);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int code = compiler.run(null, null, null, "-d", folder.resolve("classes").toString(), "-cp",
                String.join(File.pathSeparator, classPath), source.toString());
        assertEquals(0, code, "the program compiles against the documented jars");
    }

    @Test
    void aProgramRunsOnTheDocumentedJarsAlone() throws Exception {
        List<String> jars = documentedJars();
        assertEquals("dendrite-core-", jars.get(0).substring(0, "dendrite-core-".length()), jars.toString());
        List<String> classPath = classPath(jars);
        compile(classPath);
        Outcome outcome = run(classPath);
        assertEquals(0, outcome.code(), outcome.output());
        assertTrue(outcome.output().contains("outputs 3, rows 2, classes [x, y]"), outcome.output());
    }

    @Test
    void theCoreAloneFailsForWantOfJackson() throws Exception {
        List<String> core = List.of(coreClasses().toString());
        compile(core);
        Outcome outcome = run(core);
        assertTrue(outcome.code() != 0 && outcome.output().contains("NoClassDefFoundError: com/fasterxml/jackson"),
                "the core jar alone needs the others: " + outcome.output());
    }
}
