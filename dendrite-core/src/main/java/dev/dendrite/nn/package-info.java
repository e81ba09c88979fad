/**
 * Modules: the article's {@link dev.dendrite.nn.Neuron}, the {@link dev.dendrite.nn.Dense} layer, {@link dev.dendrite.nn.Sequential} models, {@link dev.dendrite.nn.Dropout}, and the {@link dev.dendrite.nn.Module} base class that holds parameters, buffers, children and the train/eval mode.
 * Image layers work on NCHW batches {@code [N, C, H, W]}: {@link dev.dendrite.nn.Conv2d},
 * {@link dev.dendrite.nn.MaxPool2d}, {@link dev.dendrite.nn.AvgPool2d}, {@link dev.dendrite.nn.GlobalAvgPool2d},
 * {@link dev.dendrite.nn.BatchNorm2d}, {@link dev.dendrite.nn.Dropout2d}; {@link dev.dendrite.nn.Flatten} and
 * {@link dev.dendrite.nn.Reshape} move between images and rows; {@link dev.dendrite.nn.BatchNorm1d} normalises
 * features. {@link dev.dendrite.nn.LayerList} and {@link dev.dendrite.nn.MlpSpec} build models from text.
 */
package dev.dendrite.nn;
