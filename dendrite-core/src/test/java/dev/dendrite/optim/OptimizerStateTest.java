package dev.dendrite.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Exporting and importing optimizer state: a reloaded optimizer continues bit for bit. */
class OptimizerStateTest {
    static Stream<Function<List<Tensor>, Optimizer>> optimizers() {
        return Stream.of(
                p -> new SGD(p, 0.05),
                p -> new SGD(p, 0.05).momentum(0.9).dampening(0.3),
                p -> new SGD(p, 0.05).momentum(0.9).nesterov(true),
                p -> new AdaGrad(p, 0.1),
                p -> new RMSProp(p, 0.01),
                p -> new RMSProp(p, 0.01).momentum(0.5),
                p -> new Adam(p, 0.01).weightDecay(0.01),
                p -> new AdamW(p, 0.01));
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void aReloadedOptimizerContinuesBitForBit(Function<List<Tensor>, Optimizer> factory) {
        TwoParameterProblem straight = new TwoParameterProblem();
        Optimizer straightOptimizer = factory.apply(straight.parameters());
        TwoParameterProblem split = new TwoParameterProblem();
        Optimizer first = factory.apply(split.parameters());
        for (int step = 0; step < 4; step++) {
            straight.step(straightOptimizer);
            split.step(first);
        }
        OptimizerState saved = first.state();
        // a fresh optimizer over the same parameters, as a resumed run builds it
        Optimizer second = factory.apply(split.parameters());
        second.loadState(saved);
        for (int step = 0; step < 5; step++) {
            straight.step(straightOptimizer);
            split.step(second);
        }
        assertArrayEquals(straight.w.data(), split.w.data());
        assertArrayEquals(straight.b.data(), split.b.data());
    }

    @Test
    void aStateIsACopy() {
        TwoParameterProblem problem = new TwoParameterProblem();
        Adam adam = new Adam(problem.parameters(), 0.1);
        problem.step(adam);
        OptimizerState before = adam.state();
        float[] moment = before.tensors().get("exp_avg.0").clone();
        problem.step(adam);
        assertArrayEquals(moment, before.tensors().get("exp_avg.0"));
        assertNotEquals(moment[0], adam.state().tensors().get("exp_avg.0")[0]);
        assertEquals(Map.of("step.0", 2L, "step.1", 2L), adam.state().counts());
    }

    @Test
    void sgdMomentumBuffersAppearWithTheFirstStep() {
        TwoParameterProblem problem = new TwoParameterProblem();
        SGD sgd = new SGD(problem.parameters(), 0.1).momentum(0.9);
        assertTrue(sgd.state().tensors().isEmpty());
        problem.step(sgd);
        assertEquals(List.of("momentum_buffer.0", "momentum_buffer.1"), List.copyOf(sgd.state().tensors().keySet()));
    }

    @Test
    void aStateOfAnotherOptimizerIsRefused() {
        TwoParameterProblem problem = new TwoParameterProblem();
        Adam adam = new Adam(problem.parameters(), 0.1);
        OptimizerState state = new AdamW(problem.parameters()).state();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> adam.loadState(state));
        assertEquals("Adam.loadState: expected the state of a Adam, got the state of a AdamW", e.getMessage());
    }

    @Test
    void anArrayOfTheWrongLengthIsRefusedAndNothingChanges() {
        TwoParameterProblem problem = new TwoParameterProblem();
        Adam adam = new Adam(problem.parameters(), 0.1);
        problem.step(adam);
        OptimizerState good = adam.state();
        Map<String, float[]> tensors = new java.util.LinkedHashMap<>(good.tensors());
        tensors.put("exp_avg_sq.1", new float[] {1f, 2f});
        OptimizerState bad = new OptimizerState("Adam", tensors, good.counts());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> adam.loadState(bad));
        assertTrue(e.getMessage().contains("'exp_avg_sq.1' of 1 values (parameter 1 of shape [1])"), e.getMessage());
        assertTrue(e.getMessage().endsWith("got 2 values"), e.getMessage());
        assertArrayEquals(good.tensors().get("exp_avg_sq.1"), adam.state().tensors().get("exp_avg_sq.1"));
    }

    @Test
    void unknownAndMissingKeysAreRefused() {
        TwoParameterProblem problem = new TwoParameterProblem();
        Adam adam = new Adam(problem.parameters(), 0.1);
        OptimizerState good = adam.state();
        Map<String, float[]> extra = new java.util.LinkedHashMap<>(good.tensors());
        extra.put("exp_avg.2", new float[1]);
        assertThrows(IllegalArgumentException.class,
                () -> adam.loadState(new OptimizerState("Adam", extra, good.counts())));
        Map<String, float[]> missing = new java.util.LinkedHashMap<>(good.tensors());
        missing.remove("exp_avg.0");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> adam.loadState(new OptimizerState("Adam", missing, good.counts())));
        assertEquals("Adam.loadState: expected 'exp_avg.0', got none", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> adam.loadState(new OptimizerState("Adam", good.tensors(), Map.of("step.0", -1L, "step.1", 0L))));
        assertFalse(adam.state().tensors().isEmpty());
    }
}
