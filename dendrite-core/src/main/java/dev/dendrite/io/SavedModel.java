package dev.dendrite.io;

import dev.dendrite.nn.Sequential;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model read back from a file, with every {@code __metadata__} entry of the file: the entries
 * the writer adds ({@code format}, {@code format_version}, {@code architecture}) and the caller's.
 *
 * <p>The metadata map is an unmodifiable copy in the file's order; the model is mutable like any
 * {@link Sequential} and starts in training mode (call {@code eval()} before predicting with a
 * model that has Dropout).
 *
 * @param model    the rebuilt network holding the file's weights
 * @param metadata the file's {@code __metadata__}, all values strings
 */
public record SavedModel(Sequential model, Map<String, String> metadata) {
    /** Copies the metadata. */
    public SavedModel {
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
}
