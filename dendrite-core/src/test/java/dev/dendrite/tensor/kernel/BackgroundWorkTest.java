package dev.dendrite.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class BackgroundWorkTest {
    @Test
    void everyChunkRunsOnceAndItsWritesAreSeenAfterAwait() {
        int savedThreads = Gemm.threads();
        try {
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
        } finally {
            Gemm.setThreads(savedThreads);
        }
    }

    @Test
    void withOneThreadTheCallerDoesItAllInAwait() {
        int savedThreads = Gemm.threads();
        try {
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
        } finally {
            Gemm.setThreads(savedThreads);
        }
    }

    @Test
    void aWorkerDoesTheWorkAheadWhileTheCallerDoesOtherThings() throws InterruptedException {
        int savedThreads = Gemm.threads();
        try {
            assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "a worker polls only with a core to spare");
            Gemm.setThreads(2);
            KernelThreads.runAll(List.of(() -> { }, () -> { })); // start the workers
            Set<Thread> ranOn = ConcurrentHashMap.newKeySet();
            AtomicIntegerArray runs = new AtomicIntegerArray(4);
            BackgroundWork work = BackgroundWork.start(4, chunk -> {
                ranOn.add(Thread.currentThread());
                runs.incrementAndGet(chunk);
            });
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!allRan(runs) && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            work.await();
            assertTrue(!ranOn.contains(Thread.currentThread()) && !ranOn.isEmpty(),
                    "a worker did the chunks while this thread slept: " + ranOn);
            assertTrue(ranOn.iterator().next().isDaemon());
        } finally {
            Gemm.setThreads(savedThreads);
        }
    }

    @Test
    void aNewerOfferLeavesTheOlderOneToItsCaller() {
        int savedThreads = Gemm.threads();
        try {
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
        } finally {
            Gemm.setThreads(savedThreads);
        }
    }

    @Test
    void awaitRethrowsTheFirstFailingChunksFailureAfterTheRestHaveRun() {
        int savedThreads = Gemm.threads();
        try {
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
        } finally {
            Gemm.setThreads(savedThreads);
        }
    }

    private static boolean allRan(AtomicIntegerArray runs) {
        for (int i = 0; i < runs.length(); i++) {
            if (runs.get(i) == 0) {
                return false;
            }
        }
        return true;
    }
}
