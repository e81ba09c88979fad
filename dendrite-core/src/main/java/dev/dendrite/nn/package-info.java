/**
 * Modules: the article's {@link dev.dendrite.nn.Neuron}, the {@link dev.dendrite.nn.Dense} layer, {@link dev.dendrite.nn.Sequential} models, {@link dev.dendrite.nn.Dropout}, and the {@link dev.dendrite.nn.Module} base class that holds parameters, children and the train/eval mode.
 */
package dev.dendrite.nn;
