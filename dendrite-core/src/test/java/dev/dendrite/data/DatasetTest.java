package dev.dendrite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.tensor.Tensor;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DatasetTest {
    /** {@code n} rows of two features {@code (i, -i)}, class {@code i % classes}: row identity is readable. */
    static Dataset numbered(int n, int classes) {
        float[] features = new float[2 * n];
        float[] targets = new float[n];
        for (int i = 0; i < n; i++) {
            features[2 * i] = i;
            features[2 * i + 1] = -i;
            targets[i] = i % classes;
        }
        return Dataset.classification("numbered", Tensor.wrap(features, n, 2), Tensor.wrap(targets, n), classes);
    }

    static Set<Integer> rowIds(Dataset dataset) {
        Set<Integer> ids = new HashSet<>();
        for (int row = 0; row < dataset.size(); row++) {
            ids.add((int) dataset.features().get(row, 0));
        }
        return ids;
    }

    @Test
    void describesItself() {
        Dataset dataset = numbered(10, 3);
        assertEquals(10, dataset.size());
        assertEquals(3, dataset.numClasses());
        assertTrue(dataset.isClassification());
        assertArrayEquals(new int[] {2}, dataset.featureShape());
        assertEquals(List.of("0", "1", "2"), dataset.classNames());
        assertArrayEquals(new int[] {4, 3, 3}, dataset.classCounts());
        assertEquals("Dataset(numbered: 10 rows, features [2], 3 classes)", dataset.toString());
    }

    @Test
    void copiesTheGivenTensors() {
        float[] features = {1, 2};
        Dataset dataset = Dataset.regression("r", Tensor.wrap(features, 2, 1), Tensor.of(new float[] {3, 4}, 2, 1));
        features[0] = 99;
        assertEquals(1f, dataset.features().get(0, 0));
    }

    @Test
    void keepsGivenClassNames() {
        Dataset dataset = Dataset.classification("named", Tensor.zeros(2, 1), Tensor.vector(0, 1), 2,
                List.of("cat", "dog"));
        assertEquals(List.of("cat", "dog"), dataset.classNames());
    }

    @Test
    void rejectsDifferentRowCounts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.classification("bad", Tensor.zeros(3, 2), Tensor.zeros(2), 2));
        assertEquals("Dataset 'bad': expected features and targets with the same N, "
                + "got features [3, 2] and targets [2]", e.getMessage());
    }

    @Test
    void rejectsClassIndicesOutOfRangeOrFractional() {
        IllegalArgumentException high = assertThrows(IllegalArgumentException.class,
                () -> Dataset.classification("bad", Tensor.zeros(3, 2), Tensor.vector(0, 1, 2), 2));
        assertTrue(high.getMessage().contains("in [0, 2), got 2.0 at row 2"), high.getMessage());
        IllegalArgumentException fraction = assertThrows(IllegalArgumentException.class,
                () -> Dataset.classification("bad", Tensor.zeros(3, 2), Tensor.vector(0, 0.5f, 1), 2));
        assertTrue(fraction.getMessage().contains("got 0.5 at row 1"), fraction.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Dataset.classification("bad", Tensor.zeros(1, 2), Tensor.vector(-1), 2));
    }

    @Test
    void rejectsNaNNamingRowAndColumn() {
        Tensor features = Tensor.zeros(4, 3);
        features.data()[2 * 3 + 1] = Float.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.classification("nan", features, Tensor.zeros(4), 2));
        assertEquals("Dataset 'nan': expected finite features, got NaN at row 2, column 1", e.getMessage());
        Tensor targets = Tensor.zeros(4, 1);
        targets.data()[3] = Float.POSITIVE_INFINITY;
        assertThrows(IllegalArgumentException.class, () -> Dataset.regression("inf", Tensor.zeros(4, 3), targets));
    }

    @Test
    void rejectsWrongTargetRanksAndClassNames() {
        assertThrows(IllegalArgumentException.class,
                () -> Dataset.classification("bad", Tensor.zeros(2, 1), Tensor.zeros(2, 1), 2));
        assertThrows(IllegalArgumentException.class, () -> Dataset.regression("bad", Tensor.zeros(2, 1), Tensor.zeros(2)));
        assertThrows(IllegalArgumentException.class, () -> Dataset.regression("bad", Tensor.zeros(2), Tensor.zeros(2, 1)));
        assertThrows(IllegalArgumentException.class,
                () -> Dataset.classification("bad", Tensor.zeros(2, 1), Tensor.zeros(2), 2, List.of("one")));
        assertThrows(IllegalArgumentException.class,
                () -> Dataset.classification("bad", Tensor.zeros(2, 1), Tensor.zeros(2), 0));
    }

    @Test
    void subsetTakesRowsInTheGivenOrder() {
        Dataset subset = numbered(10, 3).subset(new int[] {7, 2, 2});
        assertArrayEquals(new float[] {7, -7, 2, -2, 2, -2}, subset.features().toArray());
        assertArrayEquals(new float[] {1, 2, 2}, subset.targets().toArray());
        assertEquals(3, subset.numClasses());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> numbered(10, 3).subset(new int[] {0, 10}));
        assertEquals("Dataset.subset: expected indices in [0, 10), got 10 at position 1", e.getMessage());
    }

    @Test
    void splitIsDisjointCompleteAndSeeded() {
        Dataset dataset = numbered(100, 4);
        Dataset[] parts = dataset.split(0.8, 7);
        assertEquals(80, parts[0].size());
        assertEquals(20, parts[1].size());
        Set<Integer> all = rowIds(parts[0]);
        all.addAll(rowIds(parts[1]));
        assertEquals(100, all.size());
        assertArrayEquals(parts[0].features().toArray(), dataset.split(0.8, 7)[0].features().toArray());
        assertNotEquals(rowIds(parts[1]), rowIds(dataset.split(0.8, 8)[1]));
        for (Dataset part : parts) {
            for (int row = 0; row < part.size(); row++) {
                assertEquals(part.features().get(row, 0) % 4, part.targets().get(row), 0f);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> dataset.split(1.5, 0));
    }

    @Test
    void stratifiedSplitKeepsClassProportions() {
        // 60 rows of class 0, 30 of class 1, 10 of class 2.
        float[] targets = new float[100];
        for (int i = 60; i < 100; i++) {
            targets[i] = i < 90 ? 1 : 2;
        }
        Tensor features = Tensor.arange(100).reshape(100, 1);
        Dataset dataset = Dataset.classification("skewed", features, Tensor.wrap(targets, 100), 3);
        Dataset[] parts = dataset.splitStratified(0.7, 3);
        assertArrayEquals(new int[] {42, 21, 7}, parts[0].classCounts());
        assertArrayEquals(new int[] {18, 9, 3}, parts[1].classCounts());
        Set<Integer> all = rowIds(parts[0]);
        all.addAll(rowIds(parts[1]));
        assertEquals(100, all.size());
        float[] firstTargets = parts[0].targets().toArray();
        float[] sorted = firstTargets.clone();
        Arrays.sort(sorted);
        assertFalse(Arrays.equals(sorted, firstTargets), "classes should be interleaved, not grouped");
        assertArrayEquals(parts[1].features().toArray(), dataset.splitStratified(0.7, 3)[1].features().toArray());
    }

    @Test
    void stratifiedSplitNeedsClasses() {
        Dataset regression = Dataset.regression("r", Tensor.zeros(4, 1), Tensor.zeros(4, 1));
        assertThrows(IllegalStateException.class, () -> regression.splitStratified(0.5, 0));
        assertEquals(List.of(), regression.classNames());
        assertEquals(0, regression.numClasses());
    }
}
