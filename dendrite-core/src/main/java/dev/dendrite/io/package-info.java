/**
 * Model files: {@link dev.dendrite.io.ModelFile} saves a {@link dev.dendrite.nn.Sequential} in the
 * safetensors layout (8-byte little-endian header length, JSON header, raw little-endian float32
 * data) with its {@link dev.dendrite.io.Architecture} in the header's {@code __metadata__}, and
 * loads it back as a {@link dev.dendrite.io.SavedModel}. The safetensors codec itself
 * ({@link dev.dendrite.io.SafetensorsWriter}: atomic save; {@link dev.dendrite.io.SafetensorsReader}:
 * strict, bounded reading) is shared with the training checkpoints of {@code dev.dendrite.train}.
 *
 * <p>Layer types are named through the {@link dev.dendrite.io.LayerTypes} registry (one
 * {@link dev.dendrite.nn.LayerType} per type, the built-in ones listed in {@link dev.dendrite.nn.BuiltInLayers}),
 * so a new layer needs a registration line, not edits
 * in several places. Saving is atomic; loading checks every size and offset against the file before
 * allocating and reports a malformed file as a {@link dev.dendrite.io.ModelFormatException} naming
 * the file and what was expected and found. This package sits beside {@code nn}: it depends on
 * {@code nn} and {@code tensor} only (and on jackson-core for JSON).
 */
package dev.dendrite.io;
