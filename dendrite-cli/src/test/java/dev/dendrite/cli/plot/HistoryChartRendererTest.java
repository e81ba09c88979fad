package dev.dendrite.cli.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.nn.Dense;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.train.EpochRecord;
import dev.dendrite.train.History;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;

/** The history panels: colours, axes and legends, checked on the charts before they are drawn. */
class HistoryChartRendererTest {
    private static final Sequential MODEL = new Sequential(new Dense(4, 16, new Random(1)), new ReLU(),
            new Dense(16, 3, new Random(2)));

    /** Twelve epochs of a classifier, accuracy between 0.90 and 0.955, no dead units. */
    private static History classifier() {
        History history = new History();
        for (int epoch = 1; epoch <= 12; epoch++) {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("loss", 1.0 / epoch);
            m.put("accuracy", 0.90 + 0.005 * (epoch - 1));
            m.put("val_loss", 1.1 / epoch);
            m.put("val_accuracy", 0.91 + 0.004 * (epoch - 1));
            m.put("grad_norm.layers.0", 0.5);
            m.put("grad_norm.layers.2", 0.25);
            m.put("dead_relu.layers.1", 0.0);
            history.add(new EpochRecord(epoch, m, 0.1));
        }
        return history;
    }

    @Test
    void trainingIsOneColourAndValidationAnotherOnEveryPanel() {
        List<JFreeChart> charts = HistoryChartRenderer.charts(classifier(), MODEL);
        assertEquals(List.of("Loss", "Accuracy", "Gradient norm per layer", "Dead ReLU units"),
                charts.stream().map(c -> c.getTitle().getText()).toList());
        for (JFreeChart chart : charts.subList(0, 2)) {
            XYPlot plot = chart.getXYPlot();
            assertEquals("training", plot.getDataset().getSeriesKey(0));
            assertEquals(HistoryChartRenderer.TRAINING, plot.getRenderer().getSeriesPaint(0));
            assertEquals("validation", plot.getDataset().getSeriesKey(1));
            assertEquals(HistoryChartRenderer.VALIDATION, plot.getRenderer().getSeriesPaint(1));
        }
        for (JFreeChart chart : charts.subList(2, 4)) {
            XYPlot plot = chart.getXYPlot();
            for (int s = 0; s < plot.getDataset().getSeriesCount(); s++) {
                Object paint = plot.getRenderer().getSeriesPaint(s);
                assertTrue(!paint.equals(HistoryChartRenderer.TRAINING) && !paint.equals(HistoryChartRenderer.VALIDATION),
                        "a layer in the training or validation colour: " + paint);
            }
        }
    }

    @Test
    void aRegressionHistoryWithOnlyValidationRmseDrawsItInTheValidationColour() {
        History history = new History();
        for (int epoch = 1; epoch <= 3; epoch++) {
            history.add(new EpochRecord(epoch, Map.of("loss", 1.0 / epoch, "val_loss", 1.2 / epoch,
                    "val_rmse", 0.5 / epoch), 0.1));
        }
        XYPlot rmse = HistoryChartRenderer.charts(history, null).get(1).getXYPlot();
        assertEquals("validation", rmse.getDataset().getSeriesKey(0));
        assertEquals(HistoryChartRenderer.VALIDATION, rmse.getRenderer().getSeriesPaint(0));
    }

    @Test
    void legendsNameLayersByKindNumberAndSizes() {
        List<JFreeChart> charts = HistoryChartRenderer.charts(classifier(), MODEL);
        XYDataset gradients = charts.get(2).getXYPlot().getDataset();
        assertEquals("Dense 1 (4→16)", gradients.getSeriesKey(0));
        assertEquals("Dense 2 (16→3)", gradients.getSeriesKey(1));
        // the ReLU at layers.1 switches Dense 1's units
        assertEquals("Dense 1 (4→16)", charts.get(3).getXYPlot().getDataset().getSeriesKey(0));
        XYDataset unnamed = HistoryChartRenderer.charts(classifier(), null).get(2).getXYPlot().getDataset();
        assertEquals("layers.0", unnamed.getSeriesKey(0));
    }

    @Test
    void aLayerHasOneColourOnTheGradientAndDeadUnitPanels() {
        // Conv2d, BatchNorm2d, ReLU, ..., Dense, ReLU, Dense: the second ReLU is the second dead-unit
        // line but the third layer of the gradient panel, so a colour by position would differ.
        Sequential model = dev.dendrite.nn.LayerList.parse("conv:4:3,batchnorm,relu,flatten,dense:8,relu,dense:3")
                .build(new int[] {1, 6, 6}, new Random(3));
        History history = new History();
        for (int epoch = 1; epoch <= 3; epoch++) {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("loss", 1.0 / epoch);
            for (String layer : new String[] {"layers.0", "layers.1", "layers.4", "layers.6"}) {
                m.put("grad_norm." + layer, 0.1 * epoch);
            }
            m.put("dead_relu.layers.2", 0.1);
            m.put("dead_relu.layers.5", 0.2);
            history.add(new EpochRecord(epoch, m, 0.1));
        }
        List<JFreeChart> charts = HistoryChartRenderer.charts(history, model);
        XYPlot gradients = charts.get(1).getXYPlot();
        XYPlot dead = charts.get(2).getXYPlot();
        assertEquals("Conv2d 1 (1→4)", dead.getDataset().getSeriesKey(0));
        assertEquals("Dense 1 (64→8)", dead.getDataset().getSeriesKey(1));
        for (int d = 0; d < 2; d++) {
            Comparable<?> name = dead.getDataset().getSeriesKey(d);
            int g = ((org.jfree.data.xy.XYSeriesCollection) gradients.getDataset()).indexOf(name);
            assertTrue(g >= 0, name + " on the gradient panel");
            assertEquals(gradients.getRenderer().getSeriesPaint(g), dead.getRenderer().getSeriesPaint(d), name.toString());
        }
    }

    @Test
    void deadReluAxisIsZeroToOneAndAccuracyZoomsToTheData() {
        List<JFreeChart> charts = HistoryChartRenderer.charts(classifier(), MODEL);
        NumberAxis dead = (NumberAxis) charts.get(3).getXYPlot().getRangeAxis();
        assertEquals(0, dead.getLowerBound());
        assertEquals(1, dead.getUpperBound());
        NumberAxis accuracy = (NumberAxis) charts.get(1).getXYPlot().getRangeAxis();
        assertTrue(accuracy.getLowerBound() > 0.85 && accuracy.getLowerBound() < 0.90, "from " + accuracy.getLowerBound());
        assertTrue(accuracy.getUpperBound() > 0.955 && accuracy.getUpperBound() <= 1, "to " + accuracy.getUpperBound());
    }

    @Test
    void everyPanelTicksTheSameEpochs() {
        for (JFreeChart chart : HistoryChartRenderer.charts(classifier(), MODEL)) {
            NumberAxis epochs = (NumberAxis) chart.getXYPlot().getDomainAxis();
            assertEquals(1, epochs.getLowerBound(), chart.getTitle().getText());
            assertEquals(12, epochs.getUpperBound(), chart.getTitle().getText());
            assertEquals(2, epochs.getTickUnit().getSize(), chart.getTitle().getText());
        }
        assertEquals(1, HistoryChartRenderer.epochStep(1));
        assertEquals(1, HistoryChartRenderer.epochStep(10));
        assertEquals(2, HistoryChartRenderer.epochStep(11));
        assertEquals(5, HistoryChartRenderer.epochStep(30));
        assertEquals(10, HistoryChartRenderer.epochStep(100));
        assertEquals(50, HistoryChartRenderer.epochStep(300));
    }
}
