package dev.dendrite.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RestoresThreadCount.class) // tests set the thread count
class BackgroundWorkTest {
    /** Long enough for any worker on a loaded machine; reaching it fails the test. */
    private static final long PATIENCE_SECONDS = 60;

    @Test
    void everyChunkRunsOnceAndItsWritesAreSeenAfterAwait() {
        for (int threads : new int[] {1, 2}) {
            Gemm.setThreads(threads);
            for (int round = 0; round < 200; round++) {
                AtomicIntegerArray runs = new AtomicIntegerArray(37);
                int[] written = new int[37 * 64];
                BackgroundWork work = BackgroundWork.start(37, chunk -> {
                    runs.incrementAndGet(chunk);
                    for (int i = 0; i < 64; i++) {
                        written[chunk * 64 + i] = chunk * 1000 + i; // plain writes, read after await
                    }
                });
                work.await();
                for (int chunk = 0; chunk < 37; chunk++) {
                    assertEquals(1, runs.get(chunk), "chunk " + chunk + " on " + threads + " threads");
                    for (int i = 0; i < 64; i++) {
                        assertEquals(chunk * 1000 + i, written[chunk * 64 + i]);
                    }
                }
            }
        }
    }

    @Test
    void withOneThreadTheCallerDoesItAllInAwait() {
        Gemm.setThreads(1);
        Set<Thread> ranOn = ConcurrentHashMap.newKeySet();
        AtomicIntegerArray runs = new AtomicIntegerArray(5);
        BackgroundWork work = BackgroundWork.start(5, chunk -> {
            ranOn.add(Thread.currentThread());
            runs.incrementAndGet(chunk);
        });
        for (int chunk = 0; chunk < 5; chunk++) {
            assertEquals(0, runs.get(chunk), "nothing runs before await with one thread");
        }
        work.await();
        assertEquals(Set.of(Thread.currentThread()), ranOn);
    }

    @Test
    void awaitWaitsForAChunkAWorkerIsStillRunning() throws InterruptedException {
        Gemm.setThreads(2);
        assumeTrue(BackgroundWork.available(), "a worker polls only with a core to spare");
        KernelThreads.runAll(List.of(() -> { }, () -> { })); // start the worker
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        AtomicBoolean done = new AtomicBoolean();
        BackgroundWork work = BackgroundWork.start(1, chunk -> {
            ranOn.set(Thread.currentThread());
            started.countDown();
            long until = System.nanoTime() + 2_000_000L; // still running when await begins
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            done.set(true);
        });
        assertTrue(started.await(PATIENCE_SECONDS, TimeUnit.SECONDS), "no worker took the chunk");
        assertNotSame(Thread.currentThread(), ranOn.get());
        work.await();
        assertTrue(done.get(), "await returned before the worker's chunk had finished");
    }

    @Test
    void aWorkerThatHasGoneToSleepIsWokenForWorkAhead() throws InterruptedException {
        Gemm.setThreads(2);
        assumeTrue(BackgroundWork.available(), "a worker polls only with a core to spare");
        KernelThreads.runAll(List.of(() -> { }, () -> { })); // start the worker
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (!KernelThreads.aPollingWorkerSleeps()) { // it parks once idle for a while
            assertTrue(System.nanoTime() < deadline, "the idle worker never parked");
            Thread.sleep(1);
        }
        CountDownLatch ran = new CountDownLatch(1);
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        BackgroundWork work = BackgroundWork.start(1, chunk -> {
            ranOn.set(Thread.currentThread());
            ran.countDown();
        });
        assertTrue(ran.await(PATIENCE_SECONDS, TimeUnit.SECONDS), "the sleeping worker was not woken");
        work.await();
        assertNotSame(Thread.currentThread(), ranOn.get());
        assertTrue(ranOn.get().isDaemon());
    }

    @Test
    void anOfferReplacedByANewerOneIsFinishedByItsCaller() {
        Gemm.setThreads(2);
        AtomicIntegerArray first = new AtomicIntegerArray(50);
        AtomicIntegerArray second = new AtomicIntegerArray(50);
        BackgroundWork older = BackgroundWork.start(50, first::incrementAndGet);
        BackgroundWork newer = BackgroundWork.start(50, second::incrementAndGet);
        newer.await();
        older.await();
        for (int chunk = 0; chunk < 50; chunk++) {
            assertEquals(1, first.get(chunk));
            assertEquals(1, second.get(chunk));
        }
    }

    @Test
    void awaitRethrowsTheFirstFailingChunksFailureAfterTheRestHaveRun() {
        for (int threads : new int[] {1, 2}) {
            Gemm.setThreads(threads);
            AtomicIntegerArray runs = new AtomicIntegerArray(10);
            IllegalStateException third = new IllegalStateException("chunk 3");
            BackgroundWork work = BackgroundWork.start(10, chunk -> {
                runs.incrementAndGet(chunk);
                if (chunk == 3) {
                    throw third;
                }
                if (chunk == 7) {
                    throw new IllegalArgumentException("chunk 7");
                }
            });
            IllegalStateException thrown = assertThrows(IllegalStateException.class, work::await);
            assertSame(third, thrown);
            for (int chunk = 0; chunk < 10; chunk++) {
                assertEquals(1, runs.get(chunk), "chunk " + chunk + " on " + threads + " threads");
            }
        }
    }

    @Test
    void aCheckedExceptionFromAChunkComesBackWrapped() {
        IOException checked = new IOException("disk gone");
        BackgroundWork work = BackgroundWork.start(2, chunk -> {
            if (chunk == 1) {
                BackgroundWorkTest.<RuntimeException>throwUnchecked(checked);
            }
        });
        IllegalStateException thrown = assertThrows(IllegalStateException.class, work::await);
        assertSame(checked, thrown.getCause());
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void throwUnchecked(Throwable e) throws T {
        throw (T) e;
    }
}
