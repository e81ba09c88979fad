package dev.dendrite.train;

import dev.dendrite.tensor.Validate;
import dev.dendrite.train.Checkpoint.SavedCallback;
import dev.dendrite.train.CheckpointFile.Contents;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@link StatefulCallback}s' side of a checkpoint: their states in the trainer's order, the
 * check that a resumed run has the same ones, and their encoding as {@code callback.<i>} entries
 * (the class name under {@code callback.<i>}, each value under {@code callback.<i>.<key>}, each
 * array as a tensor {@code callback.<i>.<key>}). Stateless and thread-safe.
 */
final class CheckpointCallbacks {
    private CheckpointCallbacks() {
    }

    /** The stateful ones among {@code callbacks}, in order. */
    static List<StatefulCallback> statefulOf(List<Callback> callbacks) {
        List<StatefulCallback> stateful = new ArrayList<>();
        for (Callback callback : callbacks) {
            if (callback instanceof StatefulCallback s) {
                stateful.add(s);
            }
        }
        return stateful;
    }

    /** Each callback's class name and current state. */
    static List<SavedCallback> save(List<StatefulCallback> callbacks) {
        return callbacks.stream().map(c -> new SavedCallback(c.getClass().getName(), c.state())).toList();
    }

    /**
     * Refuses a checkpoint whose stateful callbacks differ (in number or class, in order) from the run's.
     *
     * @throws IllegalArgumentException naming both lists
     */
    static void check(List<StatefulCallback> callbacks, List<SavedCallback> saved) {
        List<String> expected = callbacks.stream().map(c -> c.getClass().getName()).toList();
        List<String> found = saved.stream().map(SavedCallback::type).toList();
        Validate.argument(expected.equals(found), "resume", "a checkpoint with the trainer's stateful callbacks "
                + expected + " (build the trainer with the interrupted run's callbacks)", found);
    }

    /** Restores each callback's state; {@link #check} must have passed. */
    static void restore(List<StatefulCallback> callbacks, List<SavedCallback> saved) {
        for (int i = 0; i < callbacks.size(); i++) {
            callbacks.get(i).restoreState(saved.get(i).state());
        }
    }

    /**
     * The callbacks saved in {@code contents}, in order.
     *
     * @throws CheckpointFormatException if an index has no class name or the indices have gaps
     * @throws NumberFormatException     if an index is not a number
     */
    static List<SavedCallback> decode(String prefix, Contents contents, Path file) throws CheckpointFormatException {
        Map<Integer, String> types = new TreeMap<>();
        Map<Integer, Map<String, String>> values = new TreeMap<>();
        Map<Integer, Map<String, float[]>> arrays = new TreeMap<>();
        for (Map.Entry<String, String> entry : contents.metadata().entrySet()) {
            if (entry.getKey().startsWith(prefix)) {
                String rest = entry.getKey().substring(prefix.length());
                int dot = rest.indexOf('.');
                if (dot < 0) {
                    types.put(Integer.parseInt(rest), entry.getValue());
                } else {
                    values.computeIfAbsent(Integer.parseInt(rest.substring(0, dot)), i -> new LinkedHashMap<>())
                            .put(rest.substring(dot + 1), entry.getValue());
                }
            }
        }
        for (Map.Entry<String, dev.dendrite.io.StoredTensor> entry : contents.tensors().entrySet()) {
            if (entry.getKey().startsWith(prefix)) {
                String rest = entry.getKey().substring(prefix.length());
                int dot = rest.indexOf('.');
                CheckpointFile.check(dot > 0, file, "a tensor named " + prefix + "<index>.<key>", entry.getKey());
                arrays.computeIfAbsent(Integer.parseInt(rest.substring(0, dot)), i -> new LinkedHashMap<>())
                        .put(rest.substring(dot + 1), entry.getValue().values());
            }
        }
        List<SavedCallback> saved = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            CheckpointFile.check(types.containsKey(i), file, "callback indices 0 to " + (types.size() - 1),
                    types.keySet());
            saved.add(new SavedCallback(types.get(i), new StatefulCallback.State(values.getOrDefault(i, Map.of()),
                    arrays.getOrDefault(i, Map.of()))));
        }
        CheckpointFile.check(types.keySet().containsAll(values.keySet()) && types.keySet().containsAll(arrays.keySet()),
                file, "a class name for every callback entry", types.keySet());
        return saved;
    }
}
