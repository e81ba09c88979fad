package dev.dendrite.autograd;

import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
import dev.dendrite.tensor.kernel.Gemm;

/**
 * Matrix product C = A·B, for 2-D operands {@code [m, k] @ [k, n]} and batched 3-D operands
 * {@code [batch, m, k] @ [batch, k, n]}.
 *
 * <p>Backward: {@code dA = dC·Bᵀ}, {@code dB = Aᵀ·dC}, per batch entry; the transposes are read
 * in place by the kernel, never copied.
 */
public final class MatMul extends Op {
    private Tensor a;
    private Tensor b;
    private int batch;
    private int m;
    private int k;
    private int n;

    @Override
    protected Tensor forward(Tensor... inputs) {
        a = inputs[0];
        b = inputs[1];
        Shape sa = a.shape();
        Shape sb = b.shape();
        boolean twoD = sa.rank() == 2 && sb.rank() == 2;
        boolean threeD = sa.rank() == 3 && sb.rank() == 3;
        if (!twoD && !threeD) {
            throw Validate.fail("matmul", "two 2-D or two 3-D tensors", sa + " @ " + sb);
        }
        if (threeD && sa.dim(0) != sb.dim(0)) {
            throw new IllegalArgumentException("matmul: batch sizes differ, got " + sa + " @ " + sb
                    + " (" + sa.dim(0) + " != " + sb.dim(0) + ")");
        }
        if (sa.dim(-1) != sb.dim(-2)) {
            throw new IllegalArgumentException("matmul: inner dimensions differ, got " + sa + " @ " + sb
                    + " (" + sa.dim(-1) + " != " + sb.dim(-2) + ")");
        }
        batch = threeD ? sa.dim(0) : 1;
        m = sa.dim(-2);
        k = sa.dim(-1);
        n = sb.dim(-1);
        float[] c = new float[batch * m * n];
        for (int i = 0; i < batch; i++) {
            Gemm.multiply(m, n, k, a.data(), i * m * k, false, b.data(), i * k * n, false, c, i * m * n, false);
        }
        return Tensor.wrap(c, threeD ? new int[] {batch, m, n} : new int[] {m, n});
    }

    @Override
    protected Tensor[] backward(Tensor gradOutput) {
        float[] g = gradOutput.data();
        Tensor da = null;
        Tensor db = null;
        if (needsGradient(0)) {
            float[] out = gradientArray(0, a.size());
            for (int i = 0; i < batch; i++) {
                Gemm.multiply(m, k, n, g, i * m * n, false, b.data(), i * k * n, true, out, i * m * k, false);
            }
            da = Tensor.wrap(out, a.shape().dims());
        }
        if (needsGradient(1)) {
            float[] out = gradientArray(1, b.size());
            for (int i = 0; i < batch; i++) {
                Gemm.multiply(k, n, m, a.data(), i * m * k, true, g, i * m * n, false, out, i * k * n, false);
            }
            db = Tensor.wrap(out, b.shape().dims());
        }
        return new Tensor[] {da, db};
    }

    /**
     * Both gradients are new arrays (or the leaves' forgotten ones) written whole by the products,
     * so Backward may give them to leaves as they are.
     */
    @Override
    protected boolean returnsFreshGradients() {
        return true;
    }

    @Override
    public String name() {
        return "matmul";
    }
}
