package dev.dendrite.nn;

import java.util.Random;

/**
 * A module that draws random numbers while training, such as {@link Dropout}. Checkpoints find
 * every such module through {@link Module#stochasticModules()}, save the state of its generator
 * and restore it on resume, so a new random layer is bit-exact through a resume by implementing
 * this interface and nothing else.
 */
public interface Stochastic {
    /**
     * The live generator the module draws from (not a copy); it must be a plain
     * {@link java.util.Random}, whose state a checkpoint can read and restore.
     */
    Random random();
}
