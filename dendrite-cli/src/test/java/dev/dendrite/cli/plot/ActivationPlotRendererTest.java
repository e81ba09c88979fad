package dev.dendrite.cli.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.nn.activation.BinaryStep;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.nn.activation.Sigmoid;
import dev.dendrite.nn.activation.Tanh;
import java.util.Arrays;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;

class ActivationPlotRendererTest {
    @Test
    void gridSpansMinusFiveToFiveWithBothSidesOfZero() {
        float[] x = ActivationPlotRenderer.grid();
        assertEquals(ActivationPlotRenderer.POINTS + 1, x.length);
        assertEquals(-5f, x[0]);
        assertEquals(5f, x[x.length - 1]);
        for (int i = 1; i < x.length; i++) {
            assertTrue(x[i] > x[i - 1], "grid not increasing at " + i);
        }
        int zero = Arrays.binarySearch(x, 0f);
        assertTrue(zero > 0, "0 is on the grid");
        assertEquals(-Float.MIN_VALUE, x[zero - 1]);
    }

    @Test
    void curvesAreTheLibrarysValuesAndBackpropagatedDerivatives() {
        float[] x = {-2f, 0f, 3f};
        float[][] sigmoid = ActivationPlotRenderer.curves(new Sigmoid(), x);
        for (int i = 0; i < x.length; i++) {
            float y = new Sigmoid().value(x[i]);
            assertEquals(y, sigmoid[0][i], 0f);
            assertEquals(y * (1 - y), sigmoid[1][i], 1e-7f);
        }
        float[][] step = ActivationPlotRenderer.curves(new BinaryStep(), new float[] {-Float.MIN_VALUE, 0f});
        assertEquals(0f, step[0][0]);
        assertEquals(1f, step[0][1]);
    }

    @Test
    void firstRowIsTheArticlesFigureAndTheRestShowDerivatives() {
        List<ActivationPlotRenderer.Panel> panels = ActivationPlotRenderer.panels();
        assertEquals(9, panels.size());
        assertInstanceOf(ReLU.class, panels.get(0).activation());
        assertInstanceOf(BinaryStep.class, panels.get(1).activation());
        assertInstanceOf(Tanh.class, panels.get(2).activation());
        for (int i = 0; i < panels.size(); i++) {
            assertEquals(i >= 3, panels.get(i).withDerivative(), panels.get(i).title());
        }
    }

    @Test
    void everyChartHasATitleLabelledAxesAndALegendWhenItHasTwoCurves() {
        for (ActivationPlotRenderer.Panel panel : ActivationPlotRenderer.panels()) {
            JFreeChart chart = ActivationPlotRenderer.chart(panel);
            XYPlot plot = chart.getXYPlot();
            assertEquals(panel.title(), chart.getTitle().getText());
            assertEquals("x", plot.getDomainAxis().getLabel());
            assertTrue(plot.getRangeAxis().getLabel().startsWith("f(x)"), plot.getRangeAxis().getLabel());
            assertEquals(panel.withDerivative() ? 2 : 1, plot.getDataset().getSeriesCount(), panel.title());
            assertEquals(panel.withDerivative(), chart.getLegend() != null, panel.title());
            assertFalse(panel.title().isBlank());
        }
    }
}
