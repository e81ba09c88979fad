package dev.dendrite.train;

import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stops training when a monitored metric has not improved by at least {@code minDelta} for
 * {@code patience} epochs, and optionally puts back the weights of the best epoch.
 *
 * <p>Metrics whose names end in {@code loss}, {@code rmse} or {@code mae} improve downwards, all
 * others upwards. Mutable; one instance per run. Its state (best value and epoch, epochs waited,
 * the best weights) is saved in checkpoints, so a resumed run stops where an uninterrupted one does.
 */
public final class EarlyStopping implements StatefulCallback {
    private static final String WEIGHTS = "best_weights.";
    private final String monitor;
    private final int patience;
    private final double minDelta;
    private final boolean restoreBest;
    private final boolean lowerIsBetter;
    private double best = Double.NaN;
    private int bestEpoch;
    private int waited;
    private List<float[]> bestWeights;

    /** Watches {@code monitor} (for example {@code val_loss}). */
    public EarlyStopping(String monitor, int patience, double minDelta, boolean restoreBest) {
        Validate.argument(patience >= 0, "EarlyStopping", "patience >= 0", patience);
        Validate.nonNegative(minDelta, "EarlyStopping", "minDelta");
        this.monitor = monitor;
        this.patience = patience;
        this.minDelta = minDelta;
        this.restoreBest = restoreBest;
        this.lowerIsBetter = Metrics.lowerIsBetter(monitor);
    }

    @Override
    public void onEpochEnd(Trainer trainer, EpochRecord record) {
        double value = record.get(monitor);
        Validate.state(!Double.isNaN(value) || record.metrics().containsKey(monitor), "EarlyStopping",
                "a metric named '" + monitor + "' in " + record.metrics().keySet(), "none");
        boolean improved = Double.isNaN(best)
                || (lowerIsBetter ? value < best - minDelta : value > best + minDelta);
        if (improved) {
            best = value;
            bestEpoch = record.epoch();
            waited = 0;
            if (restoreBest) {
                bestWeights = snapshot(trainer.model().parameters());
            }
        } else if (++waited > patience) {
            trainer.requestStop("early stopping: " + monitor + " did not improve for " + patience
                    + (patience == 1 ? " epoch" : " epochs") + " (best " + String.format(java.util.Locale.ROOT, "%.6g", best) + " at epoch " + bestEpoch + ")");
        }
    }

    @Override
    public void onTrainEnd(Trainer trainer, History history) {
        if (restoreBest && bestWeights != null) {
            List<Tensor> parameters = trainer.model().parameters();
            for (int i = 0; i < parameters.size(); i++) {
                float[] saved = bestWeights.get(i);
                System.arraycopy(saved, 0, parameters.get(i).data(), 0, saved.length);
            }
        }
    }

    /** The epoch with the best monitored value so far (0 before the first epoch). */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** {@code monitor}, {@code best}, {@code best_epoch}, {@code waited}, and {@code best_weights.<i>} when kept. */
    @Override
    public State state() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("monitor", monitor);
        values.put("best", Double.toString(best));
        values.put("best_epoch", Integer.toString(bestEpoch));
        values.put("waited", Integer.toString(waited));
        Map<String, float[]> arrays = new LinkedHashMap<>();
        if (bestWeights != null) {
            for (int i = 0; i < bestWeights.size(); i++) {
                arrays.put(WEIGHTS + i, bestWeights.get(i));
            }
        }
        return new State(values, arrays);
    }

    /**
     * Puts back a state from {@link #state}; the patience and minDelta are this instance's.
     *
     * @throws IllegalArgumentException if the state watched another metric, or lacks the best
     *     weights that this instance (restoreBest) needs
     */
    @Override
    public void restoreState(State state) {
        Map<String, String> values = state.values();
        Validate.argument(monitor.equals(values.get("monitor")), "EarlyStopping", "a saved state watching '"
                + monitor + "'", values.get("monitor"));
        double savedBest = Double.parseDouble(required(values, "best"));
        List<float[]> weights = new ArrayList<>();
        while (state.arrays().containsKey(WEIGHTS + weights.size())) {
            weights.add(state.arrays().get(WEIGHTS + weights.size()));
        }
        Validate.argument(!restoreBest || Double.isNaN(savedBest) || !weights.isEmpty(), "EarlyStopping",
                "a saved state with the best weights (restoreBest)", "one without");
        best = savedBest;
        bestEpoch = Integer.parseInt(required(values, "best_epoch"));
        waited = Integer.parseInt(required(values, "waited"));
        bestWeights = restoreBest && !weights.isEmpty() ? weights : null;
    }

    private static String required(Map<String, String> values, String key) {
        String value = values.get(key);
        Validate.argument(value != null, "EarlyStopping", "a saved state with '" + key + "'", "none");
        return value;
    }

    private static List<float[]> snapshot(List<Tensor> parameters) {
        List<float[]> copy = new ArrayList<>();
        parameters.forEach(p -> copy.add(p.data().clone()));
        return copy;
    }
}
