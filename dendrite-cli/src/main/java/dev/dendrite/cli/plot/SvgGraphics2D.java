package dev.dendrite.cli.plot;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Composite;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.GraphicsConfiguration;
import java.awt.Image;
import java.awt.Paint;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.NoninvertibleTransformException;
import java.awt.geom.PathIterator;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.ImageObserver;
import java.util.Locale;
import java.util.Map;

/**
 * A Java 2D graphics that writes SVG elements instead of pixels, so that everything drawn with
 * Java 2D (the charts JFreeChart lays out, the tiles and matrices drawn by hand) comes out as a
 * vector picture: shapes become {@code <path>} and {@code <rect>}, strings become {@code <text>}.
 *
 * <p>What it keeps: the transform (written on each element), the clip (as a clip path), colours
 * with their alpha, {@link BasicStroke} widths, caps, joins and dashes, and fonts. Text is measured
 * with Java's own font metrics and written with a {@code textLength}, so the layout a chart
 * computed holds whatever font the viewer substitutes. Images, which no picture here draws, are
 * embedded as PNG. Gradients are drawn in the mean of their two colours; XOR mode and
 * {@code copyArea} have no SVG equivalent and are refused.
 *
 * <p>Not thread-safe. Copies made by {@link #create()} draw into the same document.
 */
final class SvgGraphics2D extends ShapeGraphics2D {
    private final SvgDocument document;
    /** Fonts are measured with an ordinary image's graphics, one per document; the viewer lays out the text. */
    private final Graphics2D measure;
    private AffineTransform transform = new AffineTransform();
    /** In device coordinates; null for none. */
    private Shape clip;
    private Paint paint = Color.BLACK;
    private Color background = Color.WHITE;
    private Stroke stroke = new BasicStroke();
    private Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private Composite composite = AlphaComposite.SrcOver;
    private final RenderingHints hints = new RenderingHints(null);

    /** A graphics drawing into a new {@code width × height} document. */
    SvgGraphics2D(int width, int height) {
        this.document = new SvgDocument(width, height);
        this.measure = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
    }

    private SvgGraphics2D(SvgGraphics2D parent) {
        this.document = parent.document;
        this.measure = parent.measure;
        this.transform = new AffineTransform(parent.transform);
        this.clip = parent.clip;
        this.paint = parent.paint;
        this.background = parent.background;
        this.stroke = parent.stroke;
        this.font = parent.font;
        this.composite = parent.composite;
        this.hints.putAll(parent.hints);
    }

    /** The SVG text of everything drawn so far. */
    String svg() {
        return document.text();
    }

    // ---- drawing: everything ends in draw(Shape), fill(Shape) or drawString ----

    @Override
    public void draw(Shape shape) {
        if (!(stroke instanceof BasicStroke basic)) {
            fill(stroke.createStrokedShape(shape));
            return;
        }
        StringBuilder e = new StringBuilder("<path d=\"").append(SvgDocument.pathData(shape, null))
                .append("\" fill=\"none\"").append(colour("stroke", paint)).append(strokeAttributes(basic));
        document.append(clip, transformList(), e.append("/>").toString());
    }

    @Override
    public void fill(Shape shape) {
        StringBuilder e = new StringBuilder();
        if (shape instanceof Rectangle2D r) {
            e.append("<rect x=\"").append(SvgDocument.number(r.getX())).append("\" y=\"")
                    .append(SvgDocument.number(r.getY())).append("\" width=\"").append(SvgDocument.number(r.getWidth()))
                    .append("\" height=\"").append(SvgDocument.number(r.getHeight())).append('"');
        } else {
            boolean evenOdd = shape.getPathIterator(null).getWindingRule() == PathIterator.WIND_EVEN_ODD;
            e.append("<path d=\"").append(SvgDocument.pathData(shape, null)).append('"')
                    .append(evenOdd ? " fill-rule=\"evenodd\"" : "");
        }
        e.append(colour("fill", paint)).append("/>");
        document.append(clip, transformList(), e.toString());
    }

    @Override
    public void drawString(String text, float x, float y) {
        if (text.isEmpty()) {
            return;
        }
        double width = font.getStringBounds(text, getFontRenderContext()).getWidth();
        String element = "<text x=\"" + SvgDocument.number(x) + "\" y=\"" + SvgDocument.number(y) + "\""
                + fontAttributes() + colour("fill", paint) + " textLength=\"" + SvgDocument.number(width)
                + "\" lengthAdjust=\"spacingAndGlyphs\">" + SvgDocument.escape(text) + "</text>";
        document.append(clip, transformList(), element);
    }

    @Override
    public boolean drawImage(Image image, AffineTransform at, ImageObserver observer) {
        BufferedImage copy = new BufferedImage(Math.max(1, image.getWidth(null)), Math.max(1, image.getHeight(null)),
                BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = copy.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.dispose();
        AffineTransform saved = transform;
        transform = new AffineTransform(transform);
        if (at != null) {
            transform.concatenate(at);
        }
        document.append(clip, transformList(), "<image x=\"0\" y=\"0\" width=\"" + copy.getWidth() + "\" height=\""
                + copy.getHeight() + "\" xlink:href=\"data:image/png;base64," + Picture.pngBase64(copy) + "\"/>");
        transform = saved;
        return true;
    }

    // ---- SVG attributes of the current state ----

    /** The current transform as an SVG transform list; "" for the identity. */
    private String transformList() {
        if (transform.isIdentity()) {
            return "";
        }
        double[] m = new double[6];
        transform.getMatrix(m);
        if (m[0] == 1 && m[1] == 0 && m[2] == 0 && m[3] == 1) {
            return "translate(" + SvgDocument.number(m[4]) + " " + SvgDocument.number(m[5]) + ")";
        }
        StringBuilder s = new StringBuilder("matrix(");
        for (int i = 0; i < 6; i++) {
            // the linear part keeps more digits: a rounded scale would shift far coordinates
            s.append(i == 0 ? "" : " ").append(i < 4 ? String.format(Locale.ROOT, "%.6g", m[i]) : SvgDocument.number(m[i]));
        }
        return s.append(")").toString();
    }

    /** {@code fill="#rrggbb"} (or stroke), with an opacity for translucent colours or composites. */
    private String colour(String attribute, Paint p) {
        Color c = p instanceof Color color ? color : representative(p);
        double alpha = c.getAlpha() / 255.0;
        if (composite instanceof AlphaComposite ac) {
            alpha *= ac.getAlpha();
        }
        String s = String.format(Locale.ROOT, " %s=\"#%06x\"", attribute, c.getRGB() & 0xFFFFFF);
        return alpha < 1 ? s + " " + attribute + "-opacity=\"" + SvgDocument.number(alpha) + "\"" : s;
    }

    private static Color representative(Paint p) {
        if (p instanceof GradientPaint g) {
            Color a = g.getColor1();
            Color b = g.getColor2();
            return new Color((a.getRed() + b.getRed()) / 2, (a.getGreen() + b.getGreen()) / 2,
                    (a.getBlue() + b.getBlue()) / 2, (a.getAlpha() + b.getAlpha()) / 2);
        }
        return Color.GRAY;
    }

    private static String strokeAttributes(BasicStroke s) {
        StringBuilder a = new StringBuilder(" stroke-width=\"").append(SvgDocument.number(s.getLineWidth())).append('"');
        a.append(switch (s.getEndCap()) {
            case BasicStroke.CAP_ROUND -> " stroke-linecap=\"round\"";
            case BasicStroke.CAP_SQUARE -> " stroke-linecap=\"square\"";
            default -> "";
        });
        a.append(switch (s.getLineJoin()) {
            case BasicStroke.JOIN_ROUND -> " stroke-linejoin=\"round\"";
            case BasicStroke.JOIN_BEVEL -> " stroke-linejoin=\"bevel\"";
            default -> " stroke-miterlimit=\"" + SvgDocument.number(Math.max(1, s.getMiterLimit())) + "\"";
        });
        float[] dash = s.getDashArray();
        if (dash != null && dash.length > 0) {
            a.append(" stroke-dasharray=\"");
            for (int i = 0; i < dash.length; i++) {
                a.append(i == 0 ? "" : " ").append(SvgDocument.number(dash[i]));
            }
            a.append("\" stroke-dashoffset=\"").append(SvgDocument.number(s.getDashPhase())).append('"');
        }
        return a.toString();
    }

    private String fontAttributes() {
        String family = switch (font.getFamily(Locale.ROOT)) {
            case Font.SANS_SERIF, Font.DIALOG -> "sans-serif";
            case Font.SERIF -> "serif";
            case Font.MONOSPACED, Font.DIALOG_INPUT -> "monospace";
            default -> "'" + SvgDocument.escape(font.getFamily(Locale.ROOT)) + "', sans-serif";
        };
        return " font-family=\"" + family + "\" font-size=\"" + SvgDocument.number(font.getSize2D()) + "\""
                + (font.isBold() ? " font-weight=\"bold\"" : "") + (font.isItalic() ? " font-style=\"italic\"" : "");
    }

    // ---- state ----

    @Override
    public Graphics create() {
        return new SvgGraphics2D(this);
    }

    @Override
    public void dispose() {
        // nothing is held: the document belongs to the graphics that made it
    }

    @Override
    public AffineTransform getTransform() {
        return new AffineTransform(transform);
    }

    @Override
    public void setTransform(AffineTransform t) {
        transform = new AffineTransform(t);
    }

    @Override
    public void transform(AffineTransform t) {
        transform.concatenate(t);
    }

    @Override
    public void translate(int x, int y) {
        transform.translate(x, y);
    }

    @Override
    public void translate(double x, double y) {
        transform.translate(x, y);
    }

    @Override
    public void rotate(double theta) {
        transform.rotate(theta);
    }

    @Override
    public void rotate(double theta, double x, double y) {
        transform.rotate(theta, x, y);
    }

    @Override
    public void scale(double sx, double sy) {
        transform.scale(sx, sy);
    }

    @Override
    public void shear(double shx, double shy) {
        transform.shear(shx, shy);
    }

    @Override
    public Shape getClip() {
        if (clip == null) {
            return null;
        }
        try {
            return transform.createInverse().createTransformedShape(clip);
        } catch (NoninvertibleTransformException e) {
            return null;
        }
    }

    @Override
    public Rectangle getClipBounds() {
        Shape user = getClip();
        return user == null ? null : user.getBounds();
    }

    @Override
    public void setClip(Shape userClip) {
        clip = userClip == null ? null : new Area(transform.createTransformedShape(userClip));
    }

    @Override
    public void clip(Shape userClip) {
        if (userClip == null) {
            clip = null;
            return;
        }
        Area device = new Area(transform.createTransformedShape(userClip));
        if (clip != null) {
            device.intersect(new Area(clip));
        }
        clip = device;
    }

    @Override
    public void clipRect(int x, int y, int width, int height) {
        clip(new Rectangle(x, y, width, height));
    }

    @Override
    public void setClip(int x, int y, int width, int height) {
        setClip(new Rectangle(x, y, width, height));
    }

    @Override
    public Paint getPaint() {
        return paint;
    }

    @Override
    public void setPaint(Paint p) {
        if (p != null) {
            paint = p;
        }
    }

    @Override
    public Color getColor() {
        return paint instanceof Color c ? c : representative(paint);
    }

    @Override
    public void setColor(Color c) {
        setPaint(c);
    }

    @Override
    public Color getBackground() {
        return background;
    }

    @Override
    public void setBackground(Color color) {
        background = color;
    }

    @Override
    public Stroke getStroke() {
        return stroke;
    }

    @Override
    public void setStroke(Stroke s) {
        stroke = s;
    }

    @Override
    public Font getFont() {
        return font;
    }

    @Override
    public void setFont(Font f) {
        if (f != null) {
            font = f;
        }
    }

    @Override
    public FontMetrics getFontMetrics(Font f) {
        return measure.getFontMetrics(f);
    }

    @Override
    public FontRenderContext getFontRenderContext() {
        // antialiased, fractional metrics: the widths a viewer's own text layout comes closest to
        return new FontRenderContext(null, true, true);
    }

    @Override
    public Composite getComposite() {
        return composite;
    }

    @Override
    public void setComposite(Composite c) {
        composite = c;
    }

    @Override
    public void setPaintMode() {
        composite = AlphaComposite.SrcOver;
    }

    @Override
    public void setXORMode(Color c) {
        throw new UnsupportedOperationException("SVG output: XOR drawing has no SVG equivalent");
    }

    @Override
    public Object getRenderingHint(RenderingHints.Key key) {
        return hints.get(key);
    }

    @Override
    public void setRenderingHint(RenderingHints.Key key, Object value) {
        hints.put(key, value);
    }

    @Override
    public void setRenderingHints(Map<?, ?> map) {
        hints.clear();
        hints.putAll(map);
    }

    @Override
    public void addRenderingHints(Map<?, ?> map) {
        hints.putAll(map);
    }

    @Override
    public RenderingHints getRenderingHints() {
        return (RenderingHints) hints.clone();
    }

    @Override
    public GraphicsConfiguration getDeviceConfiguration() {
        return measure.getDeviceConfiguration();
    }

    @Override
    public boolean hit(Rectangle rect, Shape s, boolean onStroke) {
        Shape device = transform.createTransformedShape(onStroke ? stroke.createStrokedShape(s) : s);
        return device.intersects(rect);
    }
}
