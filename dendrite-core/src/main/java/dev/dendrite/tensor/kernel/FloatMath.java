package dev.dendrite.tensor.kernel;

/**
 * The exponential, logistic and tanh functions in float, written with only the operations IEEE 754
 * rounds exactly (add, multiply, fused multiply-add, divide) so that {@link VectorActivations}
 * can compute the very same bits a vector at a time.
 *
 * <p>Why not {@code Math.exp} or the Vector API's {@code EXP}/{@code TANH}: the Vector API
 * evaluates those with a vector math library once the JIT has compiled the loop, and with
 * per-lane {@code Math} calls before; the two differ in the last bit, so a training run's result
 * would depend on when the JIT got to it. These functions give the same bits on every path, at
 * every stage of compilation, on every JDK.
 *
 * <p>The exponential is the classic Cody-Waite scheme (Cephes {@code expf}): {@code x = n ln2 + r}
 * with {@code |r| <= ln2 / 2}, a degree-7 polynomial for {@code e^r}, and {@code 2^n} built from
 * the exponent bits; accurate to about 2 units in the last place. Stateless and thread-safe.
 */
public final class FloatMath {
    static final float LOG2E = 1.44269504088896341f;
    static final float LN2_HIGH = 0.693359375f;
    static final float LN2_LOW = -2.12194440e-4f;
    /** 1.5 * 2^23: adding it rounds a float to the nearest integer. */
    static final float ROUNDER = 12582912f;
    /** Below this, e^x is no longer a normal float; the result is flushed to 0. */
    static final float MIN_EXPONENT_ARGUMENT = -87.33654f;
    static final float[] EXP_POLYNOMIAL = {1.9875691500e-4f, 1.3981999507e-3f, 8.3334519073e-3f,
        4.1665795894e-2f, 1.6666665459e-1f, 5.0000001201e-1f};
    /** Below this |x|, tanh uses its odd polynomial (Cephes {@code tanhf}); above, exponentials. */
    static final float TANH_SWITCH = 0.625f;
    static final float[] TANH_POLYNOMIAL = {-5.70498872745e-3f, 2.06390887954e-2f, -5.37397155531e-2f,
        1.33314422036e-1f, -3.33332819422e-1f};

    private FloatMath() {
    }

    /** e^x for x <= 0 (larger x are not needed here and are not supported). */
    public static float expNonPositive(float x) {
        float clamped = Math.max(x, MIN_EXPONENT_ARGUMENT);
        float n = Math.fma(clamped, LOG2E, ROUNDER) - ROUNDER;
        float r = Math.fma(n, -LN2_HIGH, clamped);
        r = Math.fma(n, -LN2_LOW, r);
        float p = EXP_POLYNOMIAL[0];
        for (int i = 1; i < EXP_POLYNOMIAL.length; i++) {
            p = Math.fma(p, r, EXP_POLYNOMIAL[i]);
        }
        p = Math.fma(p, r * r, r) + 1f;
        float scale = Float.intBitsToFloat(((int) n + 127) << 23);
        return x < MIN_EXPONENT_ARGUMENT ? 0f : p * scale;
    }

    /** The logistic function {@code 1 / (1 + e^-x)}, as {@code e / (1 + e)} below 0 so nothing overflows. */
    public static float sigmoid(float x) {
        float e = expNonPositive(-Math.abs(x));
        float numerator = x >= 0 ? 1f : e;
        return numerator / (1f + e);
    }

    /** tanh(x): an odd polynomial near 0, {@code (1 - e^-2|x|) / (1 + e^-2|x|)} with the sign beyond. */
    public static float tanh(float x) {
        float magnitude = Math.abs(x);
        if (magnitude >= TANH_SWITCH) {
            float t = expNonPositive(-2f * magnitude);
            return Math.copySign((1f - t) / (1f + t), x);
        }
        float s = x * x;
        float p = TANH_POLYNOMIAL[0];
        for (int i = 1; i < TANH_POLYNOMIAL.length; i++) {
            p = Math.fma(p, s, TANH_POLYNOMIAL[i]);
        }
        return Math.fma(p * s, x, x);
    }
}
