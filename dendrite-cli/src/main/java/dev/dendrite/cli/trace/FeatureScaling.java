package dev.dendrite.cli.trace;

/**
 * One input feature through a {@code Normalization} layer:
 * {@code normalised = (raw - offset) / scale}.
 *
 * @param feature    the feature's index in the flattened sample
 * @param raw        the value given to the model
 * @param offset     the layer's offset for this feature (the training mean, for standardisation)
 * @param scale      the layer's scale for this feature (the training standard deviation)
 * @param normalised the layer's output for this feature
 */
public record FeatureScaling(int feature, float raw, float offset, float scale, float normalised) {
}
