package dev.dendrite.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class KernelThreadsTest {

    @Test
    void runsEveryTaskOnceAndTheFirstOnTheCaller() {
        for (int count = 1; count <= 5; count++) {
            AtomicIntegerArray runs = new AtomicIntegerArray(count);
            Thread caller = Thread.currentThread();
            List<Thread> firstRanOn = new ArrayList<>();
            List<Runnable> tasks = new ArrayList<>();
            for (int t = 0; t < count; t++) {
                int index = t;
                tasks.add(() -> {
                    runs.incrementAndGet(index);
                    if (index == 0) {
                        firstRanOn.add(Thread.currentThread());
                    }
                });
            }
            for (int round = 0; round < 200; round++) {
                KernelThreads.runAll(tasks);
            }
            for (int t = 0; t < count; t++) {
                assertEquals(200, runs.get(t), "task " + t + " of " + count);
            }
            assertTrue(firstRanOn.stream().allMatch(thread -> thread == caller));
        }
    }

    @Test
    void otherTasksRunOnDaemonWorkers() {
        ConcurrentHashMap<Thread, Boolean> seen = new ConcurrentHashMap<>();
        AtomicInteger secondStarted = new AtomicInteger();
        // The caller's task waits a little for the second to start, which only a worker can do then.
        List<Runnable> tasks = List.of(() -> {
            long until = System.nanoTime() + 200_000_000L;
            while (secondStarted.get() == 0 && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            secondStarted.set(0);
        }, () -> {
            secondStarted.set(1);
            seen.put(Thread.currentThread(), true);
        });
        int savedThreads = KernelThreads.threads();
        KernelThreads.setThreads(2);
        try {
            for (int round = 0; round < 50 && seen.keySet().stream().allMatch(t -> t == Thread.currentThread()); round++) {
                KernelThreads.runAll(tasks);
            }
        } finally {
            KernelThreads.setThreads(savedThreads);
        }
        for (Thread thread : seen.keySet()) {
            if (thread != Thread.currentThread()) {
                assertTrue(thread.getName().startsWith("dendrite-kernel-"), thread.getName());
                assertTrue(thread.isDaemon(), thread.getName());
            }
        }
        assertTrue(seen.keySet().stream().anyMatch(thread -> thread != Thread.currentThread()),
                "no task ran on a worker");
    }

    @Test
    void aWorkersFailureIsRethrownAfterEveryTaskHasFinished() {
        AtomicInteger finished = new AtomicInteger();
        IllegalStateException boom = new IllegalStateException("boom");
        List<Runnable> tasks = List.of(() -> {
            sleep(20);
            finished.incrementAndGet();
        }, () -> {
            throw boom;
        }, () -> {
            sleep(40);
            finished.incrementAndGet();
        });
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> KernelThreads.runAll(tasks));
        assertSame(boom, thrown);
        assertEquals(2, finished.get(), "runAll returned before the other tasks finished");
        // The workers survive a failed task.
        AtomicInteger after = new AtomicInteger();
        KernelThreads.runAll(List.of(after::incrementAndGet, after::incrementAndGet, after::incrementAndGet));
        assertEquals(3, after.get());
    }

    @Test
    void theCallersOwnFailureWinsAndErrorsPassThrough() {
        AssertionError first = new AssertionError("first");
        List<Runnable> tasks = List.of(() -> {
            throw first;
        }, () -> {
            throw new IllegalArgumentException("second");
        });
        assertSame(first, assertThrows(AssertionError.class, () -> KernelThreads.runAll(tasks)));
    }

    @Test
    void manyCallersAtOnceAllFinishWithTheirOwnResults() throws Exception {
        int callers = 8;
        int rounds = 300;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        long[][] sums = new long[callers][2];
        List<Throwable> failures = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            long[] mine = sums[c];
            int id = c;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    for (int round = 0; round < rounds; round++) {
                        int value = id * 1000 + round;
                        KernelThreads.runAll(List.of(() -> mine[0] += value, () -> mine[1] += value));
                    }
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join(60_000);
            assertFalse(thread.isAlive(), "a caller is stuck");
        }
        assertTrue(failures.isEmpty(), failures.toString());
        for (int c = 0; c < callers; c++) {
            long expected = (long) c * 1000 * rounds + (long) rounds * (rounds - 1) / 2;
            assertEquals(expected, sums[c][0], "caller " + c + ", first task");
            assertEquals(expected, sums[c][1], "caller " + c + ", second task");
        }
    }

    @Test
    void tasksAreTakenInOrderAndTheFirstFailureInListOrderWins() {
        for (int round = 0; round < 100; round++) {
            IllegalStateException third = new IllegalStateException("third");
            List<Runnable> tasks = List.of(() -> { }, () -> { }, () -> {
                throw third;
            }, () -> {
                throw new IllegalStateException("fourth");
            });
            assertSame(third, assertThrows(IllegalStateException.class, () -> KernelThreads.runAll(tasks)));
        }
    }

    @Test
    void aSleepingWorkerWakesForTheNextTask() {
        AtomicInteger runs = new AtomicInteger();
        List<Runnable> tasks = List.of(runs::incrementAndGet, runs::incrementAndGet);
        KernelThreads.runAll(tasks);
        // Long enough for the worker to stop polling and park.
        sleep(KernelThreads.SPIN_NANOS / 1_000_000 + 30);
        KernelThreads.runAll(tasks);
        assertEquals(4, runs.get());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
