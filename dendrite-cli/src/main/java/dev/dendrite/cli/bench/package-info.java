/**
 * The {@code dendrite bench} command and the whole-run benchmarks it times (GEMM, an MLP training
 * epoch, one-sample inference, a small network's training step, the CNN, the distance between two
 * cores), {@code all} of them into one summary, and the README's table made from it; results are
 * printed and optionally written as JSON.
 */
package dev.dendrite.cli.bench;
