package dev.dendrite.cli.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngEncoderTest {
    @Test
    void everyPixelSurvivesDecodingForEachImageTypeAndSize() throws IOException {
        Random random = new Random(3);
        int[] types = {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_3BYTE_BGR,
            BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_4BYTE_ABGR};
        int[][] sizes = {{1, 1}, {3, 5}, {257, 2}, {2, 300}, {64, 64}};
        for (int type : types) {
            for (int[] size : sizes) {
                BufferedImage image = new BufferedImage(size[0], size[1], type);
                for (int y = 0; y < size[1]; y++) {
                    for (int x = 0; x < size[0]; x++) {
                        image.setRGB(x, y, random.nextInt());
                    }
                }
                BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(PngEncoder.encode(image)));
                String what = "type " + type + ", " + size[0] + "x" + size[1];
                assertEquals(size[0], decoded.getWidth(), what);
                assertEquals(size[1], decoded.getHeight(), what);
                assertEquals(image.getColorModel().hasAlpha(), decoded.getColorModel().hasAlpha(), what);
                for (int y = 0; y < size[1]; y++) {
                    for (int x = 0; x < size[0]; x++) {
                        assertEquals(image.getRGB(x, y), decoded.getRGB(x, y), what + " at (" + x + ", " + y + ")");
                    }
                }
            }
        }
    }

    @Test
    void aPartOfALargerImageIsEncodedAsThatPart() throws IOException {
        BufferedImage whole = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                whole.setRGB(x, y, new Color(x * 6, y * 8, (x + y) % 256).getRGB());
            }
        }
        BufferedImage part = whole.getSubimage(5, 7, 20, 10);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(PngEncoder.encode(part)));
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 20; x++) {
                assertEquals(part.getRGB(x, y), decoded.getRGB(x, y), "at (" + x + ", " + y + ")");
            }
        }
    }

    @Test
    void anRgbRastersUnusedTopByteIsIgnored() throws IOException {
        BufferedImage image = new BufferedImage(6, 4, BufferedImage.TYPE_INT_RGB);
        int[] raster = ((java.awt.image.DataBufferInt) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < raster.length; i++) {
            raster[i] = 0xA5000000 | (i * 0x0A0B0C);
        }
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(PngEncoder.encode(image)));
        assertFalse(decoded.getColorModel().hasAlpha());
        for (int i = 0; i < raster.length; i++) {
            assertEquals(0xFF000000 | (raster[i] & 0xFFFFFF), decoded.getRGB(i % 6, i / 6), "pixel " + i);
        }
    }

    @Test
    void aSubImageSharingItsParentsRowsIsEncodedAsItself() throws IOException {
        BufferedImage whole = new BufferedImage(12, 5, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 12; x++) {
                whole.setRGB(x, y, new Color(x * 20, y * 50, 7, 255 - x * 10).getRGB());
            }
        }
        for (BufferedImage part : new BufferedImage[] {whole.getSubimage(0, 0, 7, 5), whole.getSubimage(0, 0, 12, 3)}) {
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(PngEncoder.encode(part)));
            assertEquals(part.getWidth(), decoded.getWidth());
            for (int y = 0; y < part.getHeight(); y++) {
                for (int x = 0; x < part.getWidth(); x++) {
                    assertEquals(part.getRGB(x, y), decoded.getRGB(x, y), "at (" + x + ", " + y + ")");
                }
            }
        }
    }

    @Test
    void theFileIsSignatureThenChunksWithTheirChecksums() {
        BufferedImage image = new BufferedImage(17, 9, BufferedImage.TYPE_INT_RGB);
        byte[] png = PngEncoder.encode(image);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, Arrays.copyOf(png, 8));
        ByteBuffer in = ByteBuffer.wrap(png, 8, png.length - 8);
        List<String> types = new ArrayList<>();
        while (in.hasRemaining()) {
            int length = in.getInt();
            byte[] typeAndData = new byte[4 + length];
            in.get(typeAndData);
            CRC32 crc = new CRC32();
            crc.update(typeAndData);
            String type = new String(typeAndData, 0, 4, StandardCharsets.US_ASCII);
            assertEquals((int) crc.getValue(), in.getInt(), "CRC of " + type);
            types.add(type);
            if (type.equals("IHDR")) {
                ByteBuffer header = ByteBuffer.wrap(typeAndData, 4, length);
                assertEquals(17, header.getInt());
                assertEquals(9, header.getInt());
                assertEquals(8, header.get(), "bit depth");
                assertEquals(2, header.get(), "colour type: truecolour");
            }
        }
        assertEquals(List.of("IHDR", "IDAT", "IEND"), types);
    }

    @Test
    void aFlatChartCompressesToAFractionOfItsPixels() {
        BufferedImage image = new BufferedImage(1400, 1200, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 1400, 1200);
        g.setColor(Color.BLUE);
        g.drawLine(0, 0, 1399, 1199);
        g.dispose();
        int bytes = PngEncoder.encode(image).length;
        assertTrue(bytes < 1400 * 1200 * 3 / 100, "a white picture with one line took " + bytes + " bytes");
    }
}
