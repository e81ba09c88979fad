package dev.dendrite.data;

/** Evenly spaced values as NumPy's {@code linspace} makes them. Stateless. */
final class Linspace {
    private Linspace() {
    }

    /**
     * {@code count} values from {@code start} to {@code stop}, both included: value i is
     * {@code start + i * (stop - start) / (count - 1)}, and the last is exactly {@code stop}, as in
     * NumPy. One value gives {@code [start]}.
     */
    static double[] of(double start, double stop, int count) {
        double[] values = new double[count];
        double step = count > 1 ? (stop - start) / (count - 1) : 0;
        for (int i = 0; i < count; i++) {
            values[i] = start + i * step;
        }
        if (count > 1) {
            values[count - 1] = stop;
        }
        return values;
    }
}
