package dev.dendrite.tensor.kernel;

/**
 * The loops of batch normalisation over a tensor viewed as {@code [outer, channels, inner]}
 * ({@code [N, C]}: inner 1; {@code [N, C, H, W]}: inner {@code H·W}), one statistic per channel
 * over its {@code M = outer·inner} values. Channels are independent and split over the kernel
 * threads; each channel is summed in one fixed order, so results do not depend on the thread count.
 * Stateless and thread-safe.
 */
public final class BatchNormKernels {
    private BatchNormKernels() {
    }

    /**
     * Each channel's mean and biased variance ({@code Σ(x - mean)² / M}) in one fused pass. The
     * pass sums {@code x - s} and {@code (x - s)²} in double, shifted by the channel's first value
     * {@code s}: {@code var = E[(x-s)²] - E[x-s]²} then loses nothing to cancellation when the
     * mean is large beside the spread.
     */
    public static void statistics(float[] x, int outer, int channels, int inner, float[] mean, float[] variance) {
        long count = (long) outer * inner;
        Parallel.forEach(channels, count, (from, to) -> {
            for (int c = from; c < to; c++) {
                double shift = x[c * inner];
                double sum = 0;
                double sumSquares = 0;
                for (int o = 0; o < outer; o++) {
                    int base = (o * channels + c) * inner;
                    for (int i = 0; i < inner; i++) {
                        double d = x[base + i] - shift;
                        sum += d;
                        sumSquares += d * d;
                    }
                }
                double centred = sum / count;
                mean[c] = (float) (shift + centred);
                variance[c] = (float) Math.max(0, sumSquares / count - centred * centred);
            }
        });
    }

    /** {@code y = x·scale[c] + shift[c]} for every value of channel c. */
    public static void affine(float[] x, int outer, int channels, int inner, float[] scale, float[] shift, float[] y) {
        Parallel.forEach(outer, (long) channels * inner, (from, to) -> {
            for (int o = from; o < to; o++) {
                for (int c = 0; c < channels; c++) {
                    int base = (o * channels + c) * inner;
                    float a = scale[c];
                    float b = shift[c];
                    for (int i = 0; i < inner; i++) {
                        y[base + i] = x[base + i] * a + b;
                    }
                }
            }
        });
    }

    /**
     * Per channel, {@code Σ dy} into {@code sumGrad} and {@code Σ dy·x̂} into {@code sumGradXhat},
     * where {@code x̂ = (x - mean[c])·invStd[c]}; both summed in double in one pass. They are the
     * gradients of the shift β and the scale γ.
     */
    public static void gradientSums(float[] dy, float[] x, int outer, int channels, int inner, float[] mean,
                                    float[] invStd, float[] sumGrad, float[] sumGradXhat) {
        Parallel.forEach(channels, (long) outer * inner, (from, to) -> {
            for (int c = from; c < to; c++) {
                double sum = 0;
                double sumXhat = 0;
                for (int o = 0; o < outer; o++) {
                    int base = (o * channels + c) * inner;
                    for (int i = 0; i < inner; i++) {
                        double g = dy[base + i];
                        sum += g;
                        sumXhat += g * ((x[base + i] - mean[c]) * invStd[c]);
                    }
                }
                sumGrad[c] = (float) sum;
                sumGradXhat[c] = (float) sumXhat;
            }
        });
    }

    /**
     * The input gradient of training-mode batch normalisation,
     * {@code dx = γ·invStd·(dy - Σdy/M - x̂·Σ(dy·x̂)/M)}: the normalisation's mean and variance
     * depend on every value of the channel, hence the two correction terms.
     */
    public static void trainingInputGradient(float[] dy, float[] x, int outer, int channels, int inner,
                                             float[] mean, float[] invStd, float[] gamma,
                                             float[] sumGrad, float[] sumGradXhat, float[] dx) {
        float count = (float) outer * inner;
        Parallel.forEach(outer, (long) channels * inner, (from, to) -> {
            for (int o = from; o < to; o++) {
                for (int c = 0; c < channels; c++) {
                    int base = (o * channels + c) * inner;
                    float scale = gamma[c] * invStd[c];
                    float meanGrad = sumGrad[c] / count;
                    float meanGradXhat = sumGradXhat[c] / count;
                    for (int i = 0; i < inner; i++) {
                        float xhat = (x[base + i] - mean[c]) * invStd[c];
                        dx[base + i] = scale * (dy[base + i] - meanGrad - xhat * meanGradXhat);
                    }
                }
            }
        });
    }
}
