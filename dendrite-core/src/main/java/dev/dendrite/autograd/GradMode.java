package dev.dendrite.autograd;

/**
 * Whether ops record the graph that {@link Backward} needs. On by default.
 *
 * <p>Inside {@code try (var s = GradMode.noGrad()) { ... }} nothing is recorded, so inference pays
 * nothing for autograd. The mode is per thread, so one thread's inference does not switch off
 * another thread's training.
 */
public final class GradMode {
    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

    private GradMode() {
    }

    /** Whether this thread currently records gradients. */
    public static boolean isEnabled() {
        return ENABLED.get()[0];
    }

    /** Turns recording off on this thread until the returned scope is closed. */
    public static Scope noGrad() {
        return set(false);
    }

    /** Turns recording on on this thread until the returned scope is closed. */
    public static Scope enableGrad() {
        return set(true);
    }

    private static Scope set(boolean enabled) {
        boolean[] flag = ENABLED.get();
        boolean previous = flag[0];
        flag[0] = enabled;
        return () -> flag[0] = previous;
    }

    /** Restores the previous mode when closed. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
