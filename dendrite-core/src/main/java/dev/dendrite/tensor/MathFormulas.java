package dev.dendrite.tensor;

import dev.dendrite.autograd.Elementwise.Formula;

/** The element-wise math functions of {@link Tensor} with their derivatives. */
final class MathFormulas {
    private MathFormulas() {
    }

    static final Formula EXP = new Formula() {
        public float value(float x) {
            return (float) Math.exp(x);
        }

        public float derivative(float x, float y) {
            return y;
        }
    };

    static final Formula LOG = new Formula() {
        public float value(float x) {
            return (float) Math.log(x);
        }

        public float derivative(float x, float y) {
            return 1f / x;
        }
    };

    static final Formula SQRT = new Formula() {
        public float value(float x) {
            return (float) Math.sqrt(x);
        }

        public float derivative(float x, float y) {
            return 0.5f / y;
        }
    };

    static final Formula ABS = new Formula() {
        public float value(float x) {
            return Math.abs(x);
        }

        // The subgradient at 0 is any value in [-1, 1]; 0 is the conventional choice.
        public float derivative(float x, float y) {
            return Math.signum(x);
        }
    };

    static Formula pow(float exponent) {
        return new Formula() {
            public float value(float x) {
                return (float) Math.pow(x, exponent);
            }

            // x^0 is constant; without the guard 0 · 0^-1 = 0 · ∞ would give NaN at x = 0.
            public float derivative(float x, float y) {
                return exponent == 0 ? 0f : exponent * (float) Math.pow(x, exponent - 1);
            }
        };
    }

    static Formula clamp(float min, float max) {
        return new Formula() {
            public float value(float x) {
                return Math.max(min, Math.min(max, x));
            }

            public float derivative(float x, float y) {
                return x >= min && x <= max ? 1f : 0f;
            }
        };
    }
}
