/**
 * {@code dendrite trace}: the article's arithmetic for a trained network on one input. The
 * {@link dev.dendrite.cli.trace.Tracer} runs the model layer by layer and records, for each Dense
 * neuron, its input×weight terms, sum, bias, {@code z} and activation output; every other kind of
 * layer gets a per-channel summary of its output. {@link dev.dendrite.cli.trace.TraceText} and
 * {@link dev.dendrite.cli.trace.TraceJson} print what it found.
 */
package dev.dendrite.cli.trace;
