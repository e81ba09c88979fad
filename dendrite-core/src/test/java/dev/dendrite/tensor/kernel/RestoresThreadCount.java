package dev.dendrite.tensor.kernel;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Puts the kernel thread count back after each test of a class that sets it
 * ({@code @ExtendWith(RestoresThreadCount.class)}): the count is global, and a test that leaves
 * it changed would change the next one's.
 */
public final class RestoresThreadCount implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(RestoresThreadCount.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE).put("threads", Gemm.threads());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Gemm.setThreads(context.getStore(NAMESPACE).get("threads", Integer.class));
    }
}
