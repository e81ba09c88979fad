package dev.dendrite.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Connecting to a Spark master within a bounded wait. Spark itself retries an unanswering
 * standalone master for a minute and then only logs that it gave up; here a {@code spark://}
 * master is probed first (a TCP connect with a deadline), and after the context starts, the
 * driver waits a bounded time for the first executor. Either failure is one line. Stateless.
 */
public final class Masters {
    private Masters() {
    }

    /** {@code given}, else the master spark-submit configured ({@code spark.master}). */
    public static String resolve(String given) {
        if (given != null && !given.isBlank()) {
            return given;
        }
        String configured = new SparkConf().get("spark.master", null);
        if (configured == null) {
            throw new IllegalArgumentException("--master: expected a master URL such as local[2] or spark://HOST:7077 "
                    + "(or spark-submit's --master), got none");
        }
        return configured;
    }

    /** For {@code spark://host:port[,host:port]} URLs: fails unless some master accepts a connection within the wait. */
    public static void probe(String url, int seconds) {
        if (!url.startsWith("spark://")) {
            return;
        }
        String reason = "no address";
        for (String address : url.substring("spark://".length()).split(",")) {
            URI uri = URI.create("spark://" + address);
            if (uri.getHost() == null || uri.getPort() < 0) {
                throw new IllegalArgumentException("--master: expected spark://HOST:PORT, got " + url);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), seconds * 1000);
                return;
            } catch (IOException e) {
                reason = e.getMessage();
            }
        }
        throw new IllegalStateException("master " + url + " did not answer within " + seconds + " s (" + reason + ")");
    }

    /**
     * A context for {@code url}; on a cluster, waits up to {@code seconds} for an executor to
     * register, and stops the context and fails if none does.
     */
    public static JavaSparkContext connect(String url, String appName, int seconds) throws InterruptedException {
        SparkConf conf = new SparkConf().setMaster(url).setAppName(appName);
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        JavaSparkContext context = new JavaSparkContext(conf);
        if (url.startsWith("local[") || url.equals("local")) {
            return context;
        }
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (context.sc().getExecutorMemoryStatus().size() < 2) {   // the driver's block manager counts as one
            if (System.nanoTime() > deadline || context.sc().isStopped()) {
                context.stop();
                throw new IllegalStateException("no executor registered with master " + url + " within " + seconds
                        + " s; check that workers are running and have the memory and cores asked for");
            }
            Thread.sleep(100);
        }
        return context;
    }
}
