package dev.dendrite.spark;

/**
 * Turns what a failed Spark job throws into one line for the user: the message of the deepest
 * argument or state error raised by our own code in a task (Spark carries it back as the cause),
 * else the first line of Spark's message. Stateless.
 */
public final class SparkErrors {
    private SparkErrors() {
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
