package dev.dendrite.nn.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ActivationsTest {
    @Test
    void everyNameLoadsAnActivationWithThatName() {
        assertTrue(Activations.names().size() >= 13, Activations.names().toString());
        for (String name : Activations.names()) {
            assertEquals(name, Activations.byName(name).name());
        }
    }

    @Test
    void namesGiveTheExpectedClassesAndDefaults() {
        assertInstanceOf(ReLU.class, Activations.byName("relu"));
        assertEquals("LeakyReLU(alpha=0.01)", Activations.byName("leaky_relu").toString());
        assertEquals("ELU(alpha=1.0)", Activations.byName("elu").toString());
        assertEquals(GELU.Approximation.NONE, ((GELU) Activations.byName("gelu")).approximation());
        assertEquals(GELU.Approximation.TANH, ((GELU) Activations.byName("gelu_tanh")).approximation());
        assertTrue(((BinaryStep) Activations.byName("binary_step_ste")).straightThrough());
        assertEquals(-1, ((Softmax) Activations.byName("softmax")).axis());
    }

    @Test
    void lookupIgnoresCaseAndSurroundingSpaces() {
        assertInstanceOf(Tanh.class, Activations.byName(" TanH "));
    }

    @Test
    void everyLookupReturnsANewInstance() {
        assertNotSame(Activations.byName("relu"), Activations.byName("relu"));
    }

    @Test
    void unknownNameListsTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Activations.byName("relu6"));
        assertTrue(e.getMessage().startsWith("activation: expected one of identity, relu, "), e.getMessage());
        assertTrue(e.getMessage().endsWith(", got 'relu6'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Activations.byName(null));
    }

    @Test
    void namesCannotBeChanged() {
        assertThrows(UnsupportedOperationException.class, () -> Activations.names().add("mine"));
    }
}
