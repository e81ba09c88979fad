package dev.dendrite.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.tensor.Tensor;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class GradModeTest {
    @Test
    void noGradRecordsNothing() {
        Tensor x = Tensor.vector(1, 2).requiresGrad(true);
        Tensor y;
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            assertFalse(GradMode.isEnabled());
            y = x.mul(x).add(1f).exp().sum();
        }
        assertTrue(GradMode.isEnabled());
        assertFalse(y.requiresGrad());
        assertNull(y.creator());
        assertTrue(x.requiresGrad(), "the leaf itself is unchanged");
        Tensor after = x.mul(2f);
        assertTrue(after.requiresGrad(), "recording resumes when the scope closes");
        assertNotNull(after.creator());
    }

    @Test
    void scopesNestAndRestoreThePreviousMode() {
        try (GradMode.Scope outer = GradMode.noGrad()) {
            try (GradMode.Scope inner = GradMode.enableGrad()) {
                assertTrue(GradMode.isEnabled());
                assertTrue(Tensor.vector(1).requiresGrad(true).exp().requiresGrad());
                try (GradMode.Scope innermost = GradMode.noGrad()) {
                    assertFalse(GradMode.isEnabled());
                }
                assertTrue(GradMode.isEnabled());
            }
            assertFalse(GradMode.isEnabled());
        }
        assertTrue(GradMode.isEnabled());
    }

    @Test
    void theScopeIsRestoredWhenTheBodyThrows() {
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            throw new IllegalStateException("boom");
        } catch (IllegalStateException expected) {
            assertEquals("boom", expected.getMessage());
        }
        assertTrue(GradMode.isEnabled());
    }

    @Test
    void theModeIsPerThread() throws InterruptedException {
        CountDownLatch insideScope = new CountDownLatch(1);
        CountDownLatch checked = new CountDownLatch(1);
        AtomicReference<Boolean> otherThreadRecords = new AtomicReference<>();
        AtomicReference<Boolean> otherThreadEnabled = new AtomicReference<>();
        Thread other = new Thread(() -> {
            try {
                insideScope.await(10, TimeUnit.SECONDS);
                otherThreadEnabled.set(GradMode.isEnabled());
                otherThreadRecords.set(Tensor.vector(1).requiresGrad(true).mul(2f).requiresGrad());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                checked.countDown();
            }
        });
        other.start();
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            insideScope.countDown();
            assertTrue(checked.await(10, TimeUnit.SECONDS), "the other thread finished");
            assertFalse(GradMode.isEnabled(), "this thread is still in its scope");
        }
        other.join();
        assertEquals(Boolean.TRUE, otherThreadEnabled.get(), "another thread's noGrad does not leak");
        assertEquals(Boolean.TRUE, otherThreadRecords.get());
    }

    @Test
    void aThreadInNoGradDoesNotStopThisThreadRecording() throws InterruptedException {
        AtomicReference<Boolean> recordedThere = new AtomicReference<>();
        Thread other = new Thread(() -> {
            try (GradMode.Scope ignored = GradMode.noGrad()) {
                recordedThere.set(Tensor.vector(1).requiresGrad(true).exp().requiresGrad());
            }
        });
        other.start();
        other.join();
        assertEquals(Boolean.FALSE, recordedThere.get());
        assertTrue(Tensor.vector(1).requiresGrad(true).exp().requiresGrad());
    }

    @Test
    void backwardDoesNotRecordItsOwnArithmetic() {
        Tensor x = Tensor.vector(1, 2).requiresGrad(true);
        x.mul(x).sum().backward();
        assertFalse(x.grad().requiresGrad());
        assertNull(x.grad().creator());
    }
}
