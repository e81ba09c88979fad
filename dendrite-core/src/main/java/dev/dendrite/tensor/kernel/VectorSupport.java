package dev.dendrite.tensor.kernel;

/**
 * Whether the JDK's Vector API ({@code jdk.incubator.vector}) is available at run time.
 *
 * <p>Kernels that use it live in classes that are loaded only when this says yes, so Dendrite
 * still runs, on its scalar path, when the module was not added. Setting the system property
 * {@code dendrite.vector=false} forces the scalar path (the tests use it to check both agree).
 */
public final class VectorSupport {
    private static final boolean AVAILABLE = detect();

    private VectorSupport() {
    }

    /** True when SIMD kernels can be used. */
    public static boolean available() {
        return AVAILABLE;
    }

    private static boolean detect() {
        if ("false".equalsIgnoreCase(System.getProperty("dendrite.vector"))) {
            return false;
        }
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }
}
