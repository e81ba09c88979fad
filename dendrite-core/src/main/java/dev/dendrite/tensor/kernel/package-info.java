/**
 * The hot loops behind tensor operations: the matrix product ({@link dev.dendrite.tensor.kernel.Gemm},
 * packed, cache-blocked, register-blocked and multi-threaded on the Vector API, with
 * {@link dev.dendrite.tensor.kernel.ScalarGemm} as its reference and fallback), element-wise and
 * broadcasting kernels, reductions, and the image kernels: convolution as products over a column
 * matrix ({@link dev.dendrite.tensor.kernel.Convolution}, {@link dev.dendrite.tensor.kernel.Im2Col}),
 * pooling ({@link dev.dendrite.tensor.kernel.Pooling}) and batch normalisation
 * ({@link dev.dendrite.tensor.kernel.BatchNormKernels}). Layers keep the readable formula; speed lives here.
 * {@link dev.dendrite.tensor.kernel.VectorSupport} says whether the SIMD paths are available.
 * {@link dev.dendrite.tensor.kernel.BackgroundWork} lets an idle kernel worker do work ahead (the
 * next training batch's gather) between its tasks.
 */
package dev.dendrite.tensor.kernel;
