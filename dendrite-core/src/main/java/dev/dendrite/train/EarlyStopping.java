package dev.dendrite.train;

import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
import java.util.ArrayList;
import java.util.List;

/**
 * Stops training when a monitored metric has not improved by at least {@code minDelta} for
 * {@code patience} epochs, and optionally puts back the weights of the best epoch.
 *
 * <p>Metrics whose names end in {@code loss}, {@code rmse} or {@code mae} improve downwards, all
 * others upwards. Mutable; one instance per run.
 */
public final class EarlyStopping implements Callback {
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
        this.lowerIsBetter = monitor.endsWith("loss") || monitor.endsWith("rmse") || monitor.endsWith("mae");
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
                    + " epochs (best " + String.format(java.util.Locale.ROOT, "%.6g", best) + " at epoch " + bestEpoch + ")");
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

    private static List<float[]> snapshot(List<Tensor> parameters) {
        List<float[]> copy = new ArrayList<>();
        parameters.forEach(p -> copy.add(p.data().clone()));
        return copy;
    }
}
