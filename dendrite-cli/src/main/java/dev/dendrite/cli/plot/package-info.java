/**
 * The {@code dendrite plot} commands and the renderers that draw their charts into PNG files
 * (activation curves, training history, confusion matrices, decision boundaries).
 */
package dev.dendrite.cli.plot;
