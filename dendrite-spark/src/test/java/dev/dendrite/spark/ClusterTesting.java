package dev.dendrite.spark;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A real multi-JVM Spark cluster for the tests: Spark's {@code local-cluster[2,1,1024]} mode runs a
 * standalone master and two workers, and each worker starts its executor as a separate JVM from
 * {@code SPARK_HOME/jars}. SPARK_HOME (set by the build) gets a {@code jars/} folder of links to the
 * jars Maven resolved; the module's and the core's class folders go on the executors' class path.
 */
final class ClusterTesting {
    static final String MASTER = "local-cluster[2,1,1024]";

    private ClusterTesting() {
    }

    static JavaSparkContext start() throws IOException {
        String home = System.getenv("SPARK_HOME");
        if (home == null) {
            throw new IllegalStateException("ClusterTesting: expected SPARK_HOME (the build sets it), got none");
        }
        List<String> folders = prepareHome(Path.of(home));
        String options = System.getProperty("spark.open.args", "") + " --add-modules jdk.incubator.vector";
        SparkConf conf = new SparkConf().set("spark.executor.extraClassPath", String.join(File.pathSeparator, folders))
                .set("spark.executor.extraJavaOptions", options).set("spark.executor.memory", "768m")
                .set("spark.task.maxFailures", "4");
        return SparkTesting.context(MASTER, conf);
    }

    /** Links every jar of the test class path into {@code home/jars}; returns the class folders. */
    private static List<String> prepareHome(Path home) throws IOException {
        Path jars = home.resolve("jars");
        Files.createDirectories(jars);
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> folders = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path)) {
                folders.add(path.toAbsolutePath().toString());
            } else if (entry.endsWith(".jar") && Files.isRegularFile(path)) {
                Path link = jars.resolve(path.getFileName());
                if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.createSymbolicLink(link, path.toAbsolutePath());
                }
            }
        }
        return folders;
    }

    /** The executor JVMs this JVM's workers started. */
    static List<ProcessHandle> executors() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
                .toList();
    }
}
