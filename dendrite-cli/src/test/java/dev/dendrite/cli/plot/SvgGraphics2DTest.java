package dev.dendrite.cli.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.util.List;
import java.util.Set;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** The SVG graphics: what each Java 2D call becomes, checked on the parsed document. */
class SvgGraphics2DTest {
    @Test
    void aDocumentHasTheSizeAndViewBox() {
        Element root = SvgPicture.parse(new SvgGraphics2D(640, 480).svg()).root();
        assertEquals("640", root.getAttribute("width"));
        assertEquals("480", root.getAttribute("height"));
        assertEquals("0 0 640 480", root.getAttribute("viewBox"));
    }

    @Test
    void filledRectanglesKeepColourPositionAndTransform() {
        SvgGraphics2D g = new SvgGraphics2D(100, 100);
        g.translate(10, 20);
        g.setColor(new Color(255, 0, 0, 128));
        g.fillRect(1, 2, 30, 40);
        Element rect = SvgPicture.parse(g.svg()).elements("rect").get(0);
        assertEquals("1", rect.getAttribute("x"));
        assertEquals("2", rect.getAttribute("y"));
        assertEquals("30", rect.getAttribute("width"));
        assertEquals("40", rect.getAttribute("height"));
        assertEquals("#ff0000", rect.getAttribute("fill"));
        assertEquals(0.502, Double.parseDouble(rect.getAttribute("fill-opacity")), 1e-9);
        assertEquals("translate(10 20)", ((Element) rect.getParentNode()).getAttribute("transform"));
    }

    @Test
    void strokesKeepWidthDashesAndCaps() {
        SvgGraphics2D g = new SvgGraphics2D(100, 100);
        g.setColor(Color.BLUE);
        g.setStroke(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_BEVEL, 1f, new float[] {9, 6}, 1f));
        g.draw(new Line2D.Double(0, 0, 50, 25));
        g.fill(new Ellipse2D.Double(10, 10, 20, 20));
        SvgPicture svg = SvgPicture.parse(g.svg());
        Element line = svg.elements("path").get(0);
        assertEquals("M0 0L50 25", line.getAttribute("d"));
        assertEquals("none", line.getAttribute("fill"));
        assertEquals("#0000ff", line.getAttribute("stroke"));
        assertEquals("2.5", line.getAttribute("stroke-width"));
        assertEquals("9 6", line.getAttribute("stroke-dasharray"));
        assertEquals("round", line.getAttribute("stroke-linecap"));
        assertEquals("bevel", line.getAttribute("stroke-linejoin"));
        String circle = svg.elements("path").get(1).getAttribute("d");
        assertTrue(circle.startsWith("M") && circle.contains("C") && circle.endsWith("Z"), circle);
    }

    @Test
    void textIsEscapedAndMeasuredWithJavasMetrics() {
        SvgGraphics2D g = new SvgGraphics2D(300, 100);
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, 20);
        g.setFont(font);
        String label = "loss < 0.5 & \"val\" → 1";
        g.drawString(label, 5f, 50f);
        Element text = SvgPicture.parse(g.svg()).elements("text").get(0);
        assertEquals(label, text.getTextContent());
        assertEquals("20", text.getAttribute("font-size"));
        assertEquals("bold", text.getAttribute("font-weight"));
        assertEquals("sans-serif", text.getAttribute("font-family"));
        double measured = font.getStringBounds(label, g.getFontRenderContext()).getWidth();
        assertEquals(measured, Double.parseDouble(text.getAttribute("textLength")), 1e-3);
    }

    @Test
    void clippedElementsSitInAGroupThatNamesTheirClipPath() {
        SvgGraphics2D g = new SvgGraphics2D(100, 100);
        g.fillRect(0, 0, 100, 100);
        g.scale(2, 2);
        g.clip(new java.awt.Rectangle(5, 5, 10, 10));
        g.fillRect(0, 0, 50, 50);
        g.setClip(null);
        g.fillRect(1, 1, 2, 2);
        SvgPicture svg = SvgPicture.parse(g.svg());
        List<Element> rects = svg.elements("rect");
        assertEquals(3, rects.size());
        Element clipGroup = (Element) rects.get(1).getParentNode().getParentNode();
        String reference = clipGroup.getAttribute("clip-path");
        Element clipPath = svg.elements("clipPath").get(0);
        assertEquals("url(#" + clipPath.getAttribute("id") + ")", reference);
        // the clip is in picture coordinates: the user-space square 5..15, scaled by 2
        String square = ((Element) clipPath.getFirstChild()).getAttribute("d");
        List<String> coordinates = List.of(square.replaceAll("[MLZ]", " ").trim().split(" +"));
        assertEquals(Set.of("10", "30"), Set.copyOf(coordinates), square);
        assertEquals("", ((Element) rects.get(2).getParentNode().getParentNode()).getAttribute("clip-path"),
                "no clip after setClip(null)");
    }

    @Test
    void copiesDrawIntoTheSameDocumentWithTheirOwnState() {
        SvgGraphics2D g = new SvgGraphics2D(100, 100);
        Graphics2D copy = (Graphics2D) g.create();
        copy.rotate(-Math.PI / 2);
        copy.drawString("up", 0, 0);
        copy.dispose();
        g.drawString("flat", 0, 0);
        List<SvgPicture.Text> texts = SvgPicture.parse(g.svg()).texts();
        assertEquals(List.of("up", "flat"), texts.stream().map(SvgPicture.Text::text).toList());
        SvgPicture.Text up = texts.get(0);
        assertTrue(up.box().getHeight() > up.box().getWidth(), "rotated text stands upright: " + up.box());
    }

    @Test
    void aChartBecomesTextAndShapesWithNoPixels() {
        XYSeries series = new XYSeries("training");
        for (int i = 1; i <= 5; i++) {
            series.add(i, 1.0 / i);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Loss", "epoch", "loss", new XYSeriesCollection(series),
                PlotOrientation.VERTICAL, true, false, false);
        SvgPicture svg = SvgPicture.parse(ChartGrid.render("Heading", "sub", List.of(chart), 1, 800, 600).toSvg());
        assertTrue(svg.strings().containsAll(List.of("Heading", "sub", "Loss", "epoch", "loss", "training")),
                svg.strings().toString());
        assertEquals(0, svg.count("image"));
        assertTrue(svg.count("path") > 5 && svg.count("clipPath") >= 1);
    }

    @Test
    void xorModeIsRefused() {
        SvgGraphics2D g = new SvgGraphics2D(10, 10);
        assertThrows(UnsupportedOperationException.class, () -> g.setXORMode(Color.WHITE));
    }

    @Test
    void numbersHaveAtMostThreeDecimals() {
        assertEquals("3", SvgDocument.number(3.0000001));
        assertEquals("-0.125", SvgDocument.number(-0.125));
        assertEquals("1234567.5", SvgDocument.number(1234567.5));
        assertEquals("0", SvgDocument.number(1e-9));
    }
}
