package dev.dendrite.spark;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what a failed Spark job throws into one line for the user: the message of the deepest
 * argument or state error raised by our own code in a task (Spark carries it back as the cause),
 * else the first line of Spark's message. {@link #gaveUp} says when Spark aborted because a task
 * reached its retry limit. Stateless.
 */
public final class SparkErrors {
    /** Spark's abort: "Task 1 in stage 3.0 failed 4 times, most recent failure: Lost task 1.3 in stage 3.0 (TID 9) (host executor 2): reason". */
    private static final Pattern ABORT = Pattern.compile("Task (\\d+) in stage \\S+ failed (\\d+) times?"
            + "(?:, most recent failure: Lost task \\S+ in stage \\S+ \\(TID \\d+\\) \\([^)]*\\): ([^\\n]*))?");

    private SparkErrors() {
    }

    /**
     * When {@code failure} is Spark giving up on a task that failed as often as
     * {@code spark.task.maxFailures} allows (a lost executor counts as a failure):
     * {@code "Spark gave up on partition 1 after 4 attempts (spark.task.maxFailures)"}; else null.
     */
    public static String gaveUp(Throwable failure) {
        for (Throwable t = failure; t != null && t != t.getCause(); t = t.getCause()) {
            Matcher abort = ABORT.matcher(String.valueOf(t.getMessage()));
            if (abort.find()) {
                int attempts = Integer.parseInt(abort.group(2));
                return "Spark gave up on partition " + abort.group(1) + " after " + attempts + " attempt"
                        + (attempts == 1 ? "" : "s") + " (spark.task.maxFailures)";
            }
        }
        return null;
    }

    /** The last attempt's reason in Spark's abort message, such as an executor lost, or null. */
    static String lastFailure(Throwable failure) {
        for (Throwable t = failure; t != null && t != t.getCause(); t = t.getCause()) {
            Matcher abort = ABORT.matcher(String.valueOf(t.getMessage()));
            if (abort.find() && abort.group(3) != null) {
                return abort.group(3).strip();
            }
        }
        return null;
    }

    /** One line saying why {@code failure} happened. */
    public static String oneLine(Throwable failure) {
        Throwable ours = null;
        for (Throwable t = failure; t != null && t != t.getCause(); t = t.getCause()) {
            if ((t instanceof IllegalArgumentException || t instanceof IllegalStateException) && t.getMessage() != null
                    && !t.getClass().getName().startsWith("org.apache.spark")) {
                ours = t;
            }
        }
        String message = ours != null ? ours.getMessage() : String.valueOf(failure.getMessage());
        if (ours == null) {
            // A task's error that could not travel as an object is inside Spark's text: "...: java.lang.X: msg".
            for (String marker : new String[] {"java.lang.IllegalArgumentException: ", "java.lang.IllegalStateException: "}) {
                int at = message.indexOf(marker);
                if (at >= 0) {
                    message = message.substring(at + marker.length());
                    break;
                }
            }
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
