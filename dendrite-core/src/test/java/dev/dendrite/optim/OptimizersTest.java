package dev.dendrite.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptimizersTest {
    private final List<Tensor> parameters = List.of(Tensor.ones(3).requiresGrad(true));

    @Test
    void everyNameBuildsItsOptimizerWithItsDefaultLearningRate() {
        assertEquals(List.of("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw"),
                List.copyOf(Optimizers.names()));
        for (String name : Optimizers.names()) {
            Optimizer optimizer = Optimizers.create(name, parameters, null);
            assertEquals(Optimizers.defaultLearningRate(name), optimizer.learningRate(), 1e-12, name);
        }
        assertEquals(0.001, Optimizers.defaultLearningRate("adam"));
        assertEquals(0.01, Optimizers.defaultLearningRate("sgd"));
        assertEquals(0.9, ((SGD) Optimizers.create("nesterov", parameters, 0.1)).momentum());
        assertEquals(0.5, Optimizers.create("adam", parameters, 0.5).learningRate());
    }

    @Test
    void weightDecayGoesToTheOptimizersThatHaveOne() {
        assertEquals(0.01, ((AdamW) Optimizers.create("adamw", parameters, null, 0.01)).weightDecay());
        assertEquals(0.02, ((SGD) Optimizers.create("momentum", parameters, null, 0.02)).weightDecay());
        assertInstanceOf(RMSProp.class, Optimizers.create("rmsprop", parameters, null, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.create("rmsprop", parameters, null, 0.01));
        assertTrue(e.getMessage().startsWith("optimizer 'rmsprop': expected no weight decay"), e.getMessage());
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.create("lbfgs", parameters, null));
        assertEquals("optimizer: expected one of sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw, got 'lbfgs'",
                e.getMessage());
    }
}
