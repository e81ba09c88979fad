package dev.dendrite.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.data.Dataset;
import dev.dendrite.data.Xor;
import dev.dendrite.loss.BinaryCrossEntropy;
import dev.dendrite.nn.Dense;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.Tanh;
import dev.dendrite.optim.SGD;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Training one model from two threads at once is refused: {@link Trainer#fit} claims the model,
 * and a second fit while the first runs throws an {@link IllegalStateException} naming the model.
 * The first fit is held inside a callback until the second has been attempted, so the overlap is
 * certain, not a matter of timing.
 */
class TrainerConcurrencyTest {
    private final ExecutorService background = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "first-fit");
        thread.setDaemon(true);
        return thread;
    });
    private final Dataset xor = Xor.generate();

    @AfterEach
    void stop() {
        background.shutdownNow();
    }

    @Test
    void aSecondFitOfTheSameModelWhileTheFirstRunsIsRefused() throws Exception {
        Sequential model = model(new Random(1));
        IllegalStateException refused = whileAFitRuns(model, () -> trainer(model).fit(xor));
        String message = refused.getMessage();
        assertTrue(message.startsWith("Trainer.fit: expected a model that no other training is using, got Sequential@"),
                message);
        assertTrue(message.contains("already being trained by thread 'first-fit'"), message);
    }

    @Test
    void aModelSharingALayerWithOneBeingTrainedIsRefused() throws Exception {
        Random random = new Random(2);
        Dense shared = new Dense(2, 4, random);
        Sequential first = new Sequential(shared, new Tanh(), new Dense(4, 1, random));
        Sequential second = new Sequential(shared, new Tanh(), new Dense(4, 1, random));
        IllegalStateException refused = whileAFitRuns(first, () -> trainer(second).fit(xor));
        assertTrue(refused.getMessage().contains("whose layer Dense(2 -> 4) is already being trained"),
                refused.getMessage());
        assertFalse(second.isClaimedForTraining(), "a refused claim releases what it had claimed");
        assertFalse(second.children().get("layers.2").isClaimedForTraining(), "a refused claim releases what it had claimed");
    }

    @Test
    void theModelIsReleasedWhenFitEndsNormallyOrWithAnError() {
        Sequential model = model(new Random(3));
        trainer(model).fit(xor);
        assertFalse(model.isClaimedForTraining());
        Trainer failing = Trainer.builder(model, new BinaryCrossEntropy(), new SGD(model.parameters(), 0.1))
                .epochs(1).callback(new Callback() {
                    @Override
                    public void onTrainBegin(Trainer trainer) {
                        assertTrue(model.isClaimedForTraining(), "claimed while fit runs");
                        throw new IllegalArgumentException("a failing callback");
                    }
                }).build();
        assertThrows(IllegalArgumentException.class, () -> failing.fit(xor));
        assertFalse(model.isClaimedForTraining());
        assertEquals(1, trainer(model).fit(xor).size(), "the model trains again after both");
    }

    @Test
    void aFitStartedFromInsideAFitOfTheSameModelIsRefused() {
        Sequential model = model(new Random(4));
        Trainer nested = trainer(model);
        Trainer outer = Trainer.builder(model, new BinaryCrossEntropy(), new SGD(model.parameters(), 0.1))
                .epochs(1).callback(new Callback() {
                    @Override
                    public void onTrainBegin(Trainer trainer) {
                        nested.fit(xor);
                    }
                }).build();
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> outer.fit(xor));
        assertTrue(refused.getMessage().contains("already being trained by thread '" + Thread.currentThread().getName()),
                refused.getMessage());
        assertFalse(model.isClaimedForTraining());
    }

    @Test
    void aClaimClosedTwiceReleasesOnlyOnce() {
        Sequential model = model(new Random(5));
        Module.TrainingClaim first = model.claimTraining("test");
        first.close();
        try (Module.TrainingClaim second = model.claimTraining("test")) {
            first.close();
            assertTrue(model.isClaimedForTraining(), "closing a closed claim must not release a newer one");
        }
        assertFalse(model.isClaimedForTraining());
    }

    /**
     * Starts a fit of {@code model} on the background thread, runs {@code second} on this thread
     * while that fit is held at its first callback, then lets it finish; returns what {@code second} threw.
     */
    private IllegalStateException whileAFitRuns(Sequential model, Runnable second) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch attempted = new CountDownLatch(1);
        Trainer first = Trainer.builder(model, new BinaryCrossEntropy(), new SGD(model.parameters(), 0.1))
                .epochs(2).callback(new Callback() {
                    @Override
                    public void onTrainBegin(Trainer trainer) {
                        started.countDown();
                        awaitUninterruptibly(attempted);
                    }
                }).build();
        Future<History> running = background.submit(() -> first.fit(xor));
        assertTrue(started.await(5, TimeUnit.MINUTES), "the first fit never started");
        IllegalStateException refused;
        try {
            refused = assertThrows(IllegalStateException.class, second::run);
        } finally {
            attempted.countDown();
        }
        assertEquals(2, running.get(5, TimeUnit.MINUTES).size(), "the first fit is not disturbed");
        assertFalse(model.isClaimedForTraining(), "released after the first fit");
        return refused;
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Sequential model(Random random) {
        return new Sequential(new Dense(2, 4, random), new Tanh(), new Dense(4, 1, random));
    }

    private static Trainer trainer(Sequential model) {
        return Trainer.builder(model, new BinaryCrossEntropy(), new SGD(model.parameters(), 0.1)).epochs(1).build();
    }
}
