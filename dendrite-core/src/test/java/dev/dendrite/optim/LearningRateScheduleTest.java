package dev.dendrite.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {
    @Test
    void constantKeepsTheBaseRate() {
        assertEquals(0.3, LearningRateSchedule.constant().learningRate(17, 0.3));
    }

    @Test
    void stepDecayDropsEveryStepSizeEpochs() {
        StepDecay schedule = new StepDecay(10, 0.1);
        assertEquals(0.1, schedule.learningRate(0, 0.1), 1e-15);
        assertEquals(0.1, schedule.learningRate(9, 0.1), 1e-15);
        assertEquals(0.01, schedule.learningRate(10, 0.1), 1e-15);
        assertEquals(0.001, schedule.learningRate(25, 0.1), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> new StepDecay(0, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new StepDecay(5, 0));
        assertThrows(IllegalArgumentException.class, () -> schedule.learningRate(-1, 0.1));
    }

    @Test
    void exponentialDecayMultipliesEveryEpoch() {
        ExponentialDecay schedule = new ExponentialDecay(0.9);
        assertEquals(0.1, schedule.learningRate(0, 0.1), 1e-15);
        assertEquals(0.09, schedule.learningRate(1, 0.1), 1e-15);
        assertEquals(0.081, schedule.learningRate(2, 0.1), 1e-15);
        assertEquals(0.1 * Math.pow(0.9, 10), schedule.learningRate(10, 0.1), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> new ExponentialDecay(1.5));
        assertThrows(IllegalArgumentException.class, () -> schedule.learningRate(0, -0.1));
    }

    @Test
    void cosineAnnealingFollowsHalfACosine() {
        CosineAnnealing schedule = new CosineAnnealing(10, 0.01);
        assertEquals(0.1, schedule.learningRate(0, 0.1), 1e-15);
        // halfway: cos(pi/2) = 0, so the midpoint of 0.1 and 0.01
        assertEquals(0.055, schedule.learningRate(5, 0.1), 1e-15);
        // a quarter of the way through 4 epochs: (1 + cos(pi/4)) / 2 = 0.853553 of the way from min to base
        assertEquals(0.01 + 0.09 * (1 + Math.sqrt(0.5)) / 2, new CosineAnnealing(4, 0.01).learningRate(1, 0.1),
                1e-15);
        assertEquals(0.01, schedule.learningRate(10, 0.1), 1e-15);
        assertEquals(0.01, schedule.learningRate(30, 0.1), 1e-15);
        assertEquals(0.0, new CosineAnnealing(4).learningRate(4, 0.1), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> new CosineAnnealing(0, 0));
        assertThrows(IllegalArgumentException.class, () -> schedule.learningRate(0, 0.001));
    }

    @Test
    void linearWarmupRampsUpThenHandsOver() {
        LinearWarmup constant = new LinearWarmup(4);
        assertEquals(0.025, constant.learningRate(0, 0.1), 1e-15);
        assertEquals(0.05, constant.learningRate(1, 0.1), 1e-15);
        assertEquals(0.1, constant.learningRate(3, 0.1), 1e-15);
        assertEquals(0.1, constant.learningRate(50, 0.1), 1e-15);
        LinearWarmup thenDecay = new LinearWarmup(2, new StepDecay(3, 0.5));
        assertEquals(0.05, thenDecay.learningRate(0, 0.1), 1e-15);
        assertEquals(0.1, thenDecay.learningRate(2, 0.1), 1e-15); // StepDecay's epoch 0
        assertEquals(0.1, thenDecay.learningRate(4, 0.1), 1e-15); // epoch 2
        assertEquals(0.05, thenDecay.learningRate(5, 0.1), 1e-15); // epoch 3
        assertEquals("LinearWarmup(warmupEpochs=2, then=StepDecay(stepSize=3, gamma=0.5))", thenDecay.toString());
        assertThrows(IllegalArgumentException.class, () -> new LinearWarmup(0));
    }
}
