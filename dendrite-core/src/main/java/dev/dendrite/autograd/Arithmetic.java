package dev.dendrite.autograd;

import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.kernel.BinaryOp;
import dev.dendrite.tensor.kernel.Broadcast;

/**
 * Add, subtract, multiply and divide with NumPy broadcasting.
 *
 * <p>Backward, for out = a op b, before undoing the broadcast:
 * <pre>
 *   add: da = g        db = g
 *   sub: da = g        db = -g
 *   mul: da = g * b    db = g * a
 *   div: da = g / b    db = -g * a / b²
 * </pre>
 * Each gradient is then summed over the axes its operand was broadcast along, so it has the
 * operand's shape again.
 */
public final class Arithmetic extends Op {
    private final BinaryOp op;
    private Tensor a;
    private Tensor b;

    /** The op {@code op}, applied with {@link #apply}. */
    public Arithmetic(BinaryOp op) {
        this.op = op;
    }

    @Override
    protected Tensor forward(Tensor... inputs) {
        a = inputs[0];
        b = inputs[1];
        Shape out = Shape.broadcast(name(), a.shape(), b.shape());
        float[] result = new float[out.size()];
        Broadcast.binary(op, a.data(), a.shape().dims(), b.data(), b.shape().dims(), result, out.dims());
        return Tensor.wrap(result, out.dims());
    }

    @Override
    protected Tensor[] backward(Tensor g) {
        Tensor da = null;
        Tensor db = null;
        switch (op) {
            case ADD:
                da = g;
                db = g;
                break;
            case SUB:
                da = g;
                db = needsGradient(1) ? g.neg() : null;
                break;
            case MUL:
                da = needsGradient(0) ? g.mul(b) : null;
                db = needsGradient(1) ? g.mul(a) : null;
                break;
            default:
                da = needsGradient(0) ? g.div(b) : null;
                db = needsGradient(1) ? g.neg().mul(a).div(b.mul(b)) : null;
        }
        return new Tensor[] {unbroadcast(da, a), unbroadcast(db, b)};
    }

    private static Tensor unbroadcast(Tensor grad, Tensor operand) {
        if (grad == null || grad.shape().equals(operand.shape())) {
            return grad;
        }
        float[] summed = Broadcast.sumTo(grad.data(), grad.shape().dims(), operand.shape().dims(), operand.size());
        return Tensor.wrap(summed, operand.shape().dims());
    }

    @Override
    public String name() {
        return op.name().toLowerCase(java.util.Locale.ROOT);
    }
}
