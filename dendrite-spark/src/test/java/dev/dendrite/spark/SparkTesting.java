package dev.dendrite.spark;

import dev.dendrite.data.Bundled;
import dev.dendrite.data.Dataset;
import dev.dendrite.nn.MlpSpec;
import dev.dendrite.nn.Sequential;
import java.util.Random;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/** One Spark context per test JVM (Spark allows no more), small and quiet, plus the data the tests share. */
final class SparkTesting {
    private static JavaSparkContext context;
    private static String master;

    private SparkTesting() {
    }

    /** A context for {@code local[threads]}, reused while the master stays the same. */
    static synchronized JavaSparkContext local(int threads) {
        return context("local[" + threads + "]", new SparkConf());
    }

    static synchronized JavaSparkContext context(String url, SparkConf conf) {
        if (context != null && url.equals(master)) {
            return context;
        }
        stop();
        conf.setMaster(url).setAppName("dendrite-spark-test").set("spark.ui.enabled", "false")
                .set("spark.sql.shuffle.partitions", "2").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
        context = new JavaSparkContext(conf);
        context.setLogLevel("ERROR");
        master = url;
        return context;
    }

    static SparkSession session() {
        return SparkSession.builder().sparkContext(context.sc()).getOrCreate();
    }

    static synchronized void stop() {
        if (context != null) {
            context.stop();
            context = null;
            master = null;
        }
    }

    /** The bundled digits with pixels scaled from 0..16 to 0..1. */
    static Dataset digits() {
        Dataset raw = Bundled.load("digits");
        return Dataset.classification("digits", raw.features().mul(1f / 16), raw.targets(), raw.numClasses(),
                raw.classNames());
    }

    /** The first {@code rows} rows of {@code data}. */
    static Dataset head(Dataset data, int rows) {
        int[] first = new int[rows];
        java.util.Arrays.setAll(first, i -> i);
        return data.subset(first);
    }

    static Sequential mlp(String spec, long seed) {
        return MlpSpec.parse(spec).build(new Random(seed));
    }
}
