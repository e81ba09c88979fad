package dev.dendrite.nn;

import dev.dendrite.tensor.Shape;

/** Shape checks shared by the image layers, so they all word a bad input the same way. */
final class ImageShapes {
    private ImageShapes() {
    }

    /**
     * The dims of an image batch {@code [N, C, H, W]}, checked against {@code channels} (-1: any).
     *
     * @throws IllegalArgumentException naming the layer, the expected form and the shape given
     */
    static int[] images(Module layer, Shape shape, int channels) {
        int[] dims = shape.dims();
        if (dims.length != 4 || (channels >= 0 && dims[1] != channels)) {
            String c = channels >= 0 ? String.valueOf(channels) : "C";
            throw new IllegalArgumentException(layer + ": expected input [N, " + c + ", H, W], got " + shape);
        }
        return dims;
    }
}
