/**
 * Reverse-mode automatic differentiation: each op is a {@link dev.dendrite.autograd.Op} with an explicit forward and backward; {@link dev.dendrite.autograd.Backward} walks the recorded graph; {@link dev.dendrite.autograd.GradMode} turns recording off; {@link dev.dendrite.autograd.GradientCheck} verifies backward passes against finite differences.
 */
package dev.dendrite.autograd;
