package dev.dendrite.cli.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * An SVG file parsed as XML, for tests: its elements by name, and each {@code <text>} with the box
 * it covers on the page (from x, y, textLength, font-size and every enclosing transform), so a
 * test can say that no two labels overlap.
 */
final class SvgPicture {
    /** A piece of text and the box it covers, in picture coordinates. */
    record Text(String text, Rectangle2D box) {
    }

    final Document document;

    private SvgPicture(Document document) {
        this.document = document;
    }

    static SvgPicture read(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    /** Parses {@code svg}; fails on anything that is not well-formed XML with an {@code <svg>} root. */
    static SvgPicture parse(String svg) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Document document = factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
            Element root = document.getDocumentElement();
            assertEquals("svg", root.getLocalName());
            assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());
            return new SvgPicture(document);
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new AssertionError("not well-formed SVG: " + e.getMessage(), e);
        }
    }

    Element root() {
        return document.getDocumentElement();
    }

    int count(String element) {
        return document.getElementsByTagNameNS("*", element).getLength();
    }

    List<Element> elements(String element) {
        NodeList nodes = document.getElementsByTagNameNS("*", element);
        List<Element> list = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            list.add((Element) nodes.item(i));
        }
        return list;
    }

    List<String> strings() {
        return texts().stream().map(Text::text).toList();
    }

    /** Every {@code <text>}, with its box: ascent 0.8 and descent 0.2 of the font size. */
    List<Text> texts() {
        List<Text> texts = new ArrayList<>();
        for (Element e : elements("text")) {
            double x = Double.parseDouble(e.getAttribute("x"));
            double y = Double.parseDouble(e.getAttribute("y"));
            double size = Double.parseDouble(e.getAttribute("font-size"));
            double width = Double.parseDouble(e.getAttribute("textLength"));
            Rectangle2D local = new Rectangle2D.Double(x, y - 0.8 * size, width, size);
            texts.add(new Text(e.getTextContent(), transformOf(e).createTransformedShape(local).getBounds2D()));
        }
        return texts;
    }

    /** The product of the transforms on {@code e} and its ancestors. */
    private static AffineTransform transformOf(Element e) {
        AffineTransform total = new AffineTransform();
        for (Node n = e; n instanceof Element element; n = n.getParentNode()) {
            AffineTransform own = parseTransform(element.getAttribute("transform"));
            own.concatenate(total);
            total = own;
        }
        return total;
    }

    private static AffineTransform parseTransform(String list) {
        if (list.isEmpty()) {
            return new AffineTransform();
        }
        String[] parts = list.substring(list.indexOf('(') + 1, list.indexOf(')')).trim().split("[ ,]+");
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = Double.parseDouble(parts[i]);
        }
        if (list.startsWith("translate")) {
            return AffineTransform.getTranslateInstance(v[0], v[1]);
        }
        assertEquals(true, list.startsWith("matrix"), "transform " + list);
        return new AffineTransform(v);
    }
}
