package dev.dendrite.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.autograd.GradientCheck;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import org.junit.jupiter.api.Test;

class NormalizationTest {
    @Test
    void subtractsTheOffsetAndDividesByTheScaleWithAZeroScaleCountedAsOne() {
        Normalization layer = new Normalization(new float[] {5f, 1f, 2f}, new float[] {2f, 0.5f, 0f});
        Tensor y = layer.forward(Tensor.matrix(new float[] {7f, 1.5f, 9f}, new float[] {5f, 0f, 2f}));
        // (7-5)/2 = 1, (1.5-1)/0.5 = 1, (9-2)/1 = 7; then 0, -2, 0
        assertArrayEquals(new float[] {1f, 1f, 7f, 0f, -2f, 0f}, y.data());
        assertArrayEquals(new float[] {2f, 0.5f, 1f}, layer.scale());
    }

    @Test
    void imagesAreScaledPerPixelWhateverTheirShape() {
        Normalization layer = new Normalization(new float[] {1f, 2f, 3f, 4f}, new float[] {1f, 1f, 1f, 2f});
        Tensor images = Tensor.wrap(new float[] {1f, 2f, 3f, 4f, 2f, 3f, 4f, 6f}, 2, 1, 2, 2);
        Tensor y = layer.forward(images);
        assertEquals(Shape.of(2, 1, 2, 2), y.shape());
        assertArrayEquals(new float[] {0f, 0f, 0f, 0f, 1f, 1f, 1f, 1f}, y.data());
    }

    @Test
    void theOffsetAndScaleAreBuffersNotParameters() {
        Normalization layer = new Normalization(3);
        assertEquals(0, layer.parameterCount());
        assertEquals(2, layer.namedBuffers().size());
        assertNull(layer.sampleInputShape(), "rows or images: the next layer says which");
        assertArrayEquals(new int[] {3}, new Sequential(layer, new Dense(3, 2, new java.util.Random(1)))
                .sampleInputShape());
        assertEquals("Normalization(3)", layer.toString());
        assertNull(new Sequential().sampleInputShape());
    }

    @Test
    void theInputGradientPassesTheGradientCheck() {
        Normalization layer = new Normalization(new float[] {0.5f, -1f}, new float[] {2f, 0.25f});
        Tensor x = Tensor.uniform(3, -1f, 1f, 4, 2).requiresGrad(true);
        String mismatch = GradientCheck.standard().check(in -> layer.forward(in[0]), x);
        assertNull(mismatch, mismatch);
    }

    @Test
    void aWrongWidthOrBadStatisticsAreRefusedNamingBothShapes() {
        Normalization layer = new Normalization(4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> layer.forward(Tensor.zeros(2, 5)));
        assertTrue(e.getMessage().contains("[N, 4]") && e.getMessage().contains("[2, 5]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Normalization(new float[] {1f}, new float[] {-1f}));
        assertThrows(IllegalArgumentException.class, () -> new Normalization(new float[] {Float.NaN}, new float[] {1f}));
        assertThrows(IllegalArgumentException.class, () -> new Normalization(new float[] {1f, 2f}, new float[] {1f}));
    }
}
