package dev.dendrite.cli.plot;

import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.PathIterator;
import java.math.BigDecimal;

/**
 * The text of one SVG document as {@link SvgGraphics2D} draws into it: elements in drawing order,
 * and the clip regions as {@code <clipPath>} definitions with a group per run of elements that
 * share one.
 *
 * <p>A clip is kept in device coordinates, so its group carries no transform; inside it, a run of
 * elements drawn under one transform shares a {@code <g transform>} (a chart drawn scaled is one
 * group, not a transform per element). Not thread-safe; shared by a graphics object and the
 * copies {@code create()} makes of it, as the copies of a Java 2D graphics share one surface.
 */
final class SvgDocument {
    private final int width;
    private final int height;
    private final StringBuilder body = new StringBuilder();
    private Shape groupClip;
    /** The open transform group's attribute value; "" when none is open. */
    private String groupTransform = "";
    private int clipCount;

    SvgDocument(int width, int height) {
        this.width = width;
        this.height = height;
    }

    /**
     * Appends one element, drawn under {@code transform} (an SVG transform list; "" for none) and
     * clipped to {@code clip} (device coordinates; null for no clip). {@code element} is the whole
     * element's text.
     */
    void append(Shape clip, String transform, String element) {
        if (clip != groupClip) {
            closeTransform();
            if (groupClip != null) {
                body.append("</g>\n");
            }
            groupClip = clip;
            if (clip != null) {
                String id = "clip" + (++clipCount);
                body.append("<clipPath id=\"").append(id).append("\"><path d=\"").append(pathData(clip, null))
                        .append("\"/></clipPath>\n<g clip-path=\"url(#").append(id).append(")\">\n");
            }
        }
        if (!transform.equals(groupTransform)) {
            closeTransform();
            groupTransform = transform;
            if (!transform.isEmpty()) {
                body.append("<g transform=\"").append(transform).append("\">\n");
            }
        }
        body.append(element).append('\n');
    }

    private void closeTransform() {
        if (!groupTransform.isEmpty()) {
            body.append("</g>\n");
            groupTransform = "";
        }
    }

    /** The finished document. */
    String text() {
        StringBuilder svg = new StringBuilder(body.length() + 400);
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" ")
                .append("version=\"1.1\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" xml:space=\"preserve\">\n")
                // rectangles meet edge to edge (tiles, heat-map cells): no hairline seams from antialiasing
                .append("<style>rect { shape-rendering: crispEdges; }</style>\n").append(body);
        if (!groupTransform.isEmpty()) {
            svg.append("</g>\n");
        }
        if (groupClip != null) {
            svg.append("</g>\n");
        }
        return svg.append("</svg>\n").toString();
    }

    /** The SVG path data of {@code shape}, transformed by {@code transform} when it is not null. */
    static String pathData(Shape shape, AffineTransform transform) {
        StringBuilder d = new StringBuilder();
        double[] c = new double[6];
        for (PathIterator it = shape.getPathIterator(transform); !it.isDone(); it.next()) {
            switch (it.currentSegment(c)) {
                case PathIterator.SEG_MOVETO -> d.append('M').append(number(c[0])).append(' ').append(number(c[1]));
                case PathIterator.SEG_LINETO -> d.append('L').append(number(c[0])).append(' ').append(number(c[1]));
                case PathIterator.SEG_QUADTO -> d.append('Q').append(points(c, 4));
                case PathIterator.SEG_CUBICTO -> d.append('C').append(points(c, 6));
                default -> d.append('Z');
            }
        }
        return d.toString();
    }

    private static String points(double[] c, int count) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count; i++) {
            s.append(i == 0 ? "" : " ").append(number(c[i]));
        }
        return s.toString();
    }

    /** {@code value} to three decimals without trailing zeros: a thousandth of a pixel is invisible. */
    static String number(double value) {
        long thousandths = Math.round(value * 1000);
        if (thousandths % 1000 == 0) {
            return Long.toString(thousandths / 1000);
        }
        return BigDecimal.valueOf(thousandths, 3).stripTrailingZeros().toPlainString();
    }

    /** {@code text} with the five XML special characters escaped, and control characters dropped. */
    static String escape(String text) {
        StringBuilder s = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '&' -> s.append("&amp;");
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&apos;");
                default -> {
                    // XML 1.0 forbids most control characters even when escaped
                    if (ch >= 0x20 || ch == '\t' || ch == '\n' || ch == '\r') {
                        s.append(ch);
                    }
                }
            }
        }
        return s.toString();
    }
}
