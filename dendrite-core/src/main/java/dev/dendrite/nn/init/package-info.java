/**
 * Weight initialisers (Xavier/Glorot, He/Kaiming, constants), all drawing from an explicit {@link java.util.Random} so a seed fixes the weights.
 */
package dev.dendrite.nn.init;
