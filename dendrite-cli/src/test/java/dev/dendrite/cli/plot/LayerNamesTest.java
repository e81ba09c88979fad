package dev.dendrite.cli.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dendrite.nn.LayerList;
import dev.dendrite.nn.Sequential;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LayerNamesTest {

    @Test
    void sizesKeepTheNumbersAndDropTheSettings() {
        assertEquals("784→256", LayerNames.sizes("(784 -> 256)"));
        assertEquals("1→32", LayerNames.sizes("(1, 32, kernel=3, stride=1, padding=0, dilation=1, bias=true)"));
        assertEquals("32", LayerNames.sizes("(32, eps=1.0E-5, momentum=0.1)"));
        assertEquals("", LayerNames.sizes("()"));
    }

    @Test
    void aConvolutionalModelsLegendNamesAreShort() {
        Sequential model = LayerList.parse("conv:8:3,batchnorm,relu,maxpool:2,flatten,dense:10")
                .build(new int[] {1, 12, 12}, new Random(1));
        LayerNames names = LayerNames.of(model);
        assertEquals("Conv2d 1 (1→8)", names.name("layers.0"));
        assertEquals("BatchNorm2d 1 (8)", names.name("layers.1"));
        assertEquals("Conv2d 1 (1→8)", names.name("layers.2"), "the ReLU switches the convolution's channels");
        assertEquals("Dense 1 (200→10)", names.name("layers.5"));
    }
}
