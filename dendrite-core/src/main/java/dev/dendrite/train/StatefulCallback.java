package dev.dendrite.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link Callback} whose state must survive a checkpoint, so that a resumed run behaves as an
 * uninterrupted one (for example {@link EarlyStopping}'s patience count and best weights).
 *
 * <p>A checkpoint stores the state of every stateful callback of the trainer, in the order they
 * were added; {@link Trainer#resume} refuses a checkpoint whose stateful callbacks (their number
 * and classes, in order) differ from the trainer's, and otherwise calls {@link #restoreState}
 * before the first epoch runs, and before {@link #onTrainBegin}.
 */
public interface StatefulCallback extends Callback {
    /**
     * The callback's state between epochs: named strings and named float arrays. Keys are plain
     * names without spaces; the arrays are stored as they are (not copied), so the callback must not
     * change them afterwards.
     *
     * @param values named strings (doubles in {@link Double#toString} form read back exactly)
     * @param arrays named float arrays, such as saved weights
     */
    record State(Map<String, String> values, Map<String, float[]> arrays) {
        /** Copies both maps (not the arrays), keeping their order, so the file is the same every run. */
        public State {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
            arrays = Collections.unmodifiableMap(new LinkedHashMap<>(arrays));
        }
    }

    /** A snapshot of the state, as it stands after the last finished epoch. */
    State state();

    /**
     * Puts back a state returned by {@link #state} (possibly in another process).
     *
     * @throws IllegalArgumentException if {@code state} cannot belong to this callback (another
     *     monitored metric, a missing entry)
     */
    void restoreState(State state);
}
