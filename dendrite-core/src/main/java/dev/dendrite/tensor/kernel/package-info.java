/**
 * The hot loops behind the tensor ops: matrix products (SIMD and scalar), broadcasting element-wise loops and reductions. Speed may be clever here; each fast kernel is tested against a plain reference.
 */
package dev.dendrite.tensor.kernel;
