/**
 * The {@code dendrite plot} commands and the renderers that draw their charts (activation curves,
 * training history, confusion matrices, decision boundaries, weights, saliency, layer outputs,
 * mistakes, filters). A renderer gives a {@link dev.dendrite.cli.plot.Picture}, Java 2D drawing
 * code that becomes PNG pixels or, through {@link dev.dendrite.cli.plot.SvgGraphics2D}, an SVG
 * vector picture.
 */
package dev.dendrite.cli.plot;
