package dev.dendrite.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {
    @Test
    void precisionRecallAndF1FollowFromTheCounts() {
        ConfusionMatrix m = new ConfusionMatrix(2);
        // 3 true positives, 1 false negative, 2 false positives, 4 true negatives for class 1.
        for (int i = 0; i < 3; i++) {
            m.add(1, 1);
        }
        m.add(1, 0);
        m.add(0, 1);
        m.add(0, 1);
        for (int i = 0; i < 4; i++) {
            m.add(0, 0);
        }
        assertEquals(10, m.total());
        assertEquals(4, m.support(1));
        assertEquals(6, m.support(0));
        assertEquals(0.7, m.accuracy(), 1e-12);
        assertEquals(3.0 / 5, m.precision(1), 1e-12);
        assertEquals(3.0 / 4, m.recall(1), 1e-12);
        assertEquals(2 * 0.6 * 0.75 / 1.35, m.f1(1), 1e-12);
        assertEquals(4.0 / 5, m.precision(0), 1e-12);
        assertEquals(4.0 / 6, m.recall(0), 1e-12);
        assertEquals((m.f1(0) + m.f1(1)) / 2, m.macroF1(), 1e-12);
    }

    @Test
    void aClassNeverPredictedHasZeroPrecisionNotNaN() {
        ConfusionMatrix m = new ConfusionMatrix(3);
        m.add(2, 0);
        assertEquals(0.0, m.precision(2));
        assertEquals(0.0, m.recall(1));
        assertEquals(0.0, m.f1(2));
    }

    @Test
    void needsAtLeastOneClass() {
        assertThrows(IllegalArgumentException.class, () -> new ConfusionMatrix(0));
    }

    @Test
    void printsATable() {
        ConfusionMatrix m = new ConfusionMatrix(2);
        m.add(0, 1);
        String table = m.toString();
        assertEquals(3, table.split("\n").length, table);
    }
}
