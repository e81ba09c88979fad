package dev.dendrite.tensor.kernel;

/** The four arithmetic element-wise operations that support broadcasting. */
public enum BinaryOp {
    ADD, SUB, MUL, DIV;

    /** The operation on one pair of elements. */
    public float apply(float x, float y) {
        switch (this) {
            case ADD: return x + y;
            case SUB: return x - y;
            case MUL: return x * y;
            default: return x / y;
        }
    }
}
