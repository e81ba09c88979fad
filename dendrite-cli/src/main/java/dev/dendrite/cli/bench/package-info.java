/**
 * The {@code dendrite bench} command and the whole-run benchmarks it times (GEMM, an MLP training
 * epoch, one-sample inference); results are printed and optionally written as JSON.
 */
package dev.dendrite.cli.bench;
