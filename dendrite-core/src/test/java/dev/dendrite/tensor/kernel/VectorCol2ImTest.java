package dev.dendrite.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class VectorCol2ImTest {
    /** The scalar col2im at stride 1, written out: tap rows in order, each run added element by element. */
    private static void reference(float[] col, int rowStride, int colOffset, ConvGeometry g, float[] dx, int dxOffset) {
        for (int c = 0; c < g.channels(); c++) {
            for (int i = 0; i < g.kernelHeight(); i++) {
                for (int j = 0; j < g.kernelWidth(); j++) {
                    int row = ((c * g.kernelHeight() + i) * g.kernelWidth() + j) * rowStride + colOffset;
                    for (int oh = 0; oh < g.outHeight(); oh++) {
                        for (int ow = 0; ow < g.outWidth(); ow++) {
                            int ih = oh - g.padTop() + i * g.dilation();
                            int iw = ow - g.padLeft() + j * g.dilation();
                            if (ih >= 0 && ih < g.height() && iw >= 0 && iw < g.width()) {
                                dx[dxOffset + (c * g.height() + ih) * g.width() + iw] += col[row + oh * g.outWidth() + ow];
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void sumsEachImageRowFromItsTapsWithTheScalarLoopsBits() {
        assumeTrue(VectorSupport.available(), "the Vector API module is not loaded");
        Random random = new Random(8);
        for (int trial = 0; trial < 300; trial++) {
            int kernel = 1 + random.nextInt(4);
            int dilation = 1 + random.nextInt(2);
            int before = random.nextInt(3);
            int after = random.nextInt(3);
            int span = dilation * (kernel - 1) + 1;
            // Widths past one and two vectors of 16 floats, and rows of a single pixel.
            int height = Math.max(1, span - before - after) + random.nextInt(6);
            int width = Math.max(1, span - before - after) + random.nextInt(trial % 3 == 0 ? 40 : 8);
            ConvGeometry g = ConvGeometry.of(1 + random.nextInt(3), height, width, kernel, 1, dilation, before, after);
            int images = 1 + random.nextInt(3);
            int rowStride = images * g.outPlane();
            float[] col = new float[g.columnRows() * rowStride];
            for (int i = 0; i < col.length; i++) {
                col[i] = random.nextFloat() - 0.5f;
            }
            float[] expected = new float[images * g.inputSize()];
            float[] actual = new float[expected.length];
            for (int n = 0; n < images; n++) {
                reference(col, rowStride, n * g.outPlane(), g, expected, n * g.inputSize());
                VectorCol2Im.col2im(col, rowStride, n * g.outPlane(), g, actual, n * g.inputSize());
            }
            assertArrayEquals(expected, actual, "trial " + trial + " " + g + " images " + images);
        }
    }
}
