package dev.dendrite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class NormalizerTest {
    // Column 0: 1, 2, 3, 4 (mean 2.5, population std sqrt(1.25)); column 1: 10, 10, 30, 30 (mean 20, std 10).
    private static final Tensor TRAIN = Tensor.of(new float[] {1, 10, 2, 10, 3, 30, 4, 30}, 4, 2);

    private static Dataset dataset(Tensor features) {
        return Dataset.classification("table", features, Tensor.zeros(features.shape().dim(0)), 2);
    }

    @Test
    void standardizerUsesTheMeanAndPopulationDeviation() {
        Standardizer standardizer = Standardizer.fit(dataset(TRAIN));
        assertArrayEquals(new double[] {2.5, 20}, standardizer.mean(), 1e-12);
        assertArrayEquals(new double[] {Math.sqrt(1.25), 10}, standardizer.standardDeviation(), 1e-12);
        Tensor y = standardizer.apply(TRAIN);
        float a = (float) (1.5 / Math.sqrt(1.25));
        float b = (float) (0.5 / Math.sqrt(1.25));
        assertArrayEquals(new float[] {-a, -1, -b, -1, b, 1, a, 1}, y.toArray(), 1e-6f);
        assertArrayEquals(new float[] {1, 10, 2, 10, 3, 30, 4, 30}, TRAIN.toArray(), "input left unchanged");
    }

    @Test
    void minMaxScalerMapsTheTrainingRangeToZeroOne() {
        MinMaxScaler scaler = MinMaxScaler.fit(TRAIN);
        assertArrayEquals(new double[] {1, 10}, scaler.min());
        assertArrayEquals(new double[] {4, 30}, scaler.max());
        assertArrayEquals(new float[] {0, 0, 1 / 3f, 0, 2 / 3f, 1, 1, 1}, scaler.apply(TRAIN).toArray(), 1e-6f);
        // Later data outside the training range is not clipped.
        assertArrayEquals(new float[] {-1 / 3f, 1.5f}, scaler.apply(Tensor.vector(0, 40)).toArray(), 1e-6f);
    }

    @Test
    void statisticsComeFromTheTrainingSplitOnly() {
        Dataset all = dataset(Tensor.of(new float[] {0, 1, 2, 3, 100, 200}, 6, 1));
        Dataset train = all.subset(new int[] {0, 1, 2, 3});
        Dataset test = all.subset(new int[] {4, 5});
        Normalizer standardizer = Normalizer.fit(Standardizer.KIND, train);
        assertArrayEquals(new double[] {1.5}, ((Standardizer) standardizer).mean(), 1e-12);
        Dataset scaledTest = standardizer.apply(test);
        float std = (float) Math.sqrt(1.25);
        assertArrayEquals(new float[] {98.5f / std, 198.5f / std}, scaledTest.features().toArray(), 1e-4f);
        assertArrayEquals(test.targets().toArray(), scaledTest.targets().toArray());
        assertEquals(test.name(), scaledTest.name());
        assertEquals(test.classNames(), scaledTest.classNames());
        Normalizer minMax = Normalizer.fit(MinMaxScaler.KIND, train);
        assertArrayEquals(new float[] {100 / 3f, 200 / 3f}, minMax.apply(test).features().toArray(), 1e-4f);
    }

    @Test
    void constantColumnsMapToZeroInsteadOfDividingByZero() {
        Tensor constant = Tensor.of(new float[] {5, 1, 5, 2, 5, 3}, 3, 2);
        for (Normalizer normalizer : List.of(Standardizer.fit(constant), MinMaxScaler.fit(constant))) {
            float[] y = normalizer.apply(constant).toArray();
            for (int row = 0; row < 3; row++) {
                assertEquals(0, y[2 * row], normalizer + " column 0");
                assertTrue(Float.isFinite(y[2 * row + 1]));
            }
            assertEquals(1, normalizer.apply(Tensor.vector(6, 2)).toArray()[0], normalizer + " keeps the offset");
        }
    }

    @Test
    void metadataRoundTripsExactly() {
        Tensor features = Tensor.normal(7L, 3, 2, 50, 3);
        for (Normalizer normalizer : List.of(Standardizer.fit(features), MinMaxScaler.fit(features))) {
            String text = normalizer.toMetadata();
            assertTrue(!text.contains("\n") && !text.contains(" "), text);
            Normalizer restored = Normalizer.fromMetadata(text);
            assertInstanceOf(normalizer.getClass(), restored);
            assertEquals(text, restored.toMetadata());
            assertEquals(3, restored.featureCount());
            assertArrayEquals(normalizer.apply(features).toArray(), restored.apply(features).toArray());
        }
        Normalizer constant = Standardizer.fit(Tensor.ones(4, 2));
        assertEquals("standard;mean=1.0,1.0;std=0.0,0.0", constant.toMetadata());
        assertEquals(constant.toMetadata(), Normalizer.fromMetadata(constant.toMetadata()).toMetadata());
    }

    @Test
    void malformedMetadataIsRefused() {
        for (String text : List.of("", "zscore;mean=1;std=1", "standard;mean=1", "standard;mean=1;std=1,2",
                "standard;mean=1;std=-1", "standard;mean=NaN;std=1", "minmax;min=2;max=1", "minmax;min=a;max=1",
                "minmax;max=1;min=0", "standard;mean=;std=")) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> Normalizer.fromMetadata(text), text);
            assertTrue(error.getMessage().startsWith("Normalizer.fromMetadata: expected"), error.getMessage());
        }
    }

    @Test
    void shapesAreChecked() {
        Standardizer standardizer = Standardizer.fit(TRAIN);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> standardizer.apply(Tensor.zeros(3, 5)));
        assertEquals("Standardizer.apply: expected features [N, 2] (or [2] for one row), got [3, 5]", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MinMaxScaler.fit(Tensor.zeros(0, 2)));
        assertThrows(IllegalArgumentException.class, () -> Normalizer.fit("robust", dataset(TRAIN)));
    }

    @Test
    void imagesGetOneStatisticPerPixel() {
        Tensor images = Tensor.of(new float[] {0, 1, 2, 3, 4, 5, 6, 7}, 2, 1, 2, 2);
        MinMaxScaler scaler = MinMaxScaler.fit(images);
        assertEquals(4, scaler.featureCount());
        Tensor scaled = scaler.apply(images);
        assertArrayEquals(new int[] {2, 1, 2, 2}, scaled.shape().dims());
        assertArrayEquals(new float[] {0, 0, 0, 0, 1, 1, 1, 1}, scaled.toArray());
    }
}
