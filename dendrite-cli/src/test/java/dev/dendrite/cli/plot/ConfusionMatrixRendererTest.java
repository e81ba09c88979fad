package dev.dendrite.cli.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.train.ConfusionMatrix;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The confusion matrix picture: every label readable, none over another, at small and large sizes. */
class ConfusionMatrixRendererTest {
    private static final List<String> FASHION = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private static ConfusionMatrix matrix(int classes, int samples) {
        ConfusionMatrix matrix = new ConfusionMatrix(classes);
        Random random = new Random(7);
        for (int i = 0; i < samples; i++) {
            int truth = i % classes;
            matrix.add(truth, random.nextInt(5) == 0 ? random.nextInt(classes) : truth);
        }
        return matrix;
    }

    @ParameterizedTest
    @ValueSource(ints = {600, 900, 1400})
    void noTextOverlapsAnyOtherWithLongClassNames(int size) {
        SvgPicture svg = SvgPicture.parse(ConfusionMatrixRenderer.picture(matrix(10, 10_000), FASHION,
                "fashion-mnist, test split", size).toSvg());
        List<SvgPicture.Text> texts = svg.texts();
        for (String name : FASHION) {
            assertEquals(2, texts.stream().filter(t -> t.text().equals(name)).count(), name + " as row and column");
        }
        assertTrue(svg.strings().containsAll(List.of("predicted class", "true class", "fashion-mnist, test split")));
        for (int i = 0; i < texts.size(); i++) {
            SvgPicture.Text a = texts.get(i);
            assertTrue(a.box().getMinX() >= 0 && a.box().getMaxX() <= size && a.box().getMinY() >= 0
                    && a.box().getMaxY() <= size, "'" + a.text() + "' leaves the picture: " + a.box());
            for (int j = i + 1; j < texts.size(); j++) {
                SvgPicture.Text b = texts.get(j);
                assertFalse(a.box().intersects(b.box()), "'" + a.text() + "' " + a.box() + " overlaps '" + b.text()
                        + "' " + b.box() + " at size " + size);
            }
        }
    }

    @Test
    void shortNamesLieFlatAndLongOnesStandUp() {
        List<SvgPicture.Text> digits = SvgPicture.parse(ConfusionMatrixRenderer.picture(matrix(3, 60),
                List.of("0", "1", "2"), "spiral", 900).toSvg()).texts();
        SvgPicture.Text column = digits.stream().filter(t -> t.text().equals("1")).findFirst().orElseThrow();
        assertTrue(column.box().getWidth() < column.box().getHeight() * 2, "flat: " + column.box());
        List<SvgPicture.Text> fashion = SvgPicture.parse(ConfusionMatrixRenderer.picture(matrix(10, 1000), FASHION,
                "fashion", 900).toSvg()).texts();
        SvgPicture.Text upright = fashion.stream().filter(t -> t.text().equals("Ankle boot"))
                .min((p, q) -> Double.compare(p.box().getMinY(), q.box().getMinY())).orElseThrow();
        assertTrue(upright.box().getHeight() > upright.box().getWidth(), "the column name stands up: " + upright.box());
    }
}
