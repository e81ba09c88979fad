package dev.dendrite.cli.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dendrite.nn.Dense;
import dev.dendrite.nn.Dropout;
import dev.dendrite.nn.Normalization;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.Identity;
import dev.dendrite.nn.activation.Sigmoid;
import dev.dendrite.nn.activation.Tanh;
import dev.dendrite.tensor.Tensor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The tracer: neuron views for Dense layers, channel summaries for everything else. */
class TracerTest {
    @Test
    void keepsTheLargestTermsInInputOrderAndSumsTheRest() {
        Dense dense = Dense.fromNeuronRows(new float[][] {{1f, -5f, 0.5f, 3f}}, new float[] {0.25f});
        List<TraceStep> steps = new Tracer(2).trace(new Sequential(dense), Tensor.wrap(new float[] {1, 1, 1, 1}, 1, 4));
        NeuronTrace n = ((TraceStep.Neurons) steps.get(0)).neurons().get(0);
        assertEquals(List.of(1, 3), n.terms().stream().map(Term::input).toList());
        assertEquals(2, n.omitted());
        assertEquals(1.5, n.restSum(), 1e-6);
        assertEquals(-0.5, n.sum(), 1e-6);
        assertEquals(-0.25f, n.z(), 1e-6);
        assertNull(n.mark());
    }

    @Test
    void marksSaturatedSigmoidUnits() {
        Dense dense = Dense.fromNeuronRows(new float[][] {{10f}, {0.1f}}, new float[] {0, 0});
        List<TraceStep> steps = new Tracer(5).trace(new Sequential(dense, new Sigmoid()),
                Tensor.wrap(new float[] {1}, 1, 1));
        List<NeuronTrace> neurons = ((TraceStep.Neurons) steps.get(0)).neurons();
        assertTrue(neurons.get(0).mark().startsWith("saturated"), neurons.get(0).mark());
        assertNull(neurons.get(1).mark());
        assertTrue(UnitMarks.mark("tanh", 3f, (float) Math.tanh(3)).startsWith("saturated"));
        assertNull(UnitMarks.mark("tanh", 0.5f, (float) Math.tanh(0.5)));
        assertTrue(UnitMarks.isDead(UnitMarks.mark("relu", -1f, 0f)));
        assertNull(UnitMarks.mark("gelu", -10f, 0f));
    }

    @Test
    void summarisesOtherLayersPerChannel() {
        Dense dense = Dense.fromNeuronRows(new float[][] {{1f}, {-1f}}, new float[] {0, 0});
        Sequential model = new Sequential(dense, new Tanh(), new Dropout(0.5, new Random(1)));
        List<TraceStep> steps = new Tracer(5).trace(model, Tensor.wrap(new float[] {2}, 1, 1));
        assertEquals(2, steps.size());
        TraceStep.Channels dropout = (TraceStep.Channels) steps.get(1);
        assertEquals(2, dropout.index());
        ChannelSummary all = dropout.channels().get(0);
        assertEquals(-1, all.channel());
        assertEquals((float) Math.tanh(2), all.max(), 1e-6, "Dropout in evaluation mode passes its input");
        assertEquals((float) -Math.tanh(2), all.min(), 1e-6);
        assertEquals(0, all.argmax());

        float[] image = {1, 5, 2, 0, -1, -3, -2, -4};
        TraceStep.Channels maps = (TraceStep.Channels) new Tracer(5).trace(new Sequential(new Identity()),
                Tensor.wrap(image, 1, 2, 2, 2)).get(0);
        assertEquals(2, maps.channels().size());
        assertEquals(new ChannelSummary(0, 0, 5, 2.0, 1, 4), maps.channels().get(0));
        assertEquals(new ChannelSummary(1, -4, -1, -2.5, 0, 4), maps.channels().get(1));
    }

    @Test
    void showsANormalizationLayerFeatureByFeature() {
        Normalization scaling = new Normalization(new float[] {5.8f, 3.0f, 0f}, new float[] {0.8f, 0.5f, 0f});
        Dense dense = Dense.fromNeuronRows(new float[][] {{1f, 1f, 1f}}, new float[] {0});
        List<TraceStep> steps = new Tracer(5).trace(new Sequential(scaling, dense),
                Tensor.wrap(new float[] {5.0f, 3.5f, 7f}, 1, 3));
        TraceStep.Features features = (TraceStep.Features) steps.get(0);
        assertEquals(0, features.index());
        assertEquals("Normalization(3)", features.layer());
        assertEquals(new FeatureScaling(0, 5.0f, 5.8f, 0.8f, (5.0f - 5.8f) / 0.8f), features.features().get(0));
        assertEquals(new FeatureScaling(1, 3.5f, 3.0f, 0.5f, 1.0f), features.features().get(1));
        // a constant feature's zero scale is stored as 1: it maps to x - offset, not NaN
        assertEquals(new FeatureScaling(2, 7f, 0f, 1f, 7f), features.features().get(2));
        NeuronTrace neuron = ((TraceStep.Neurons) steps.get(1)).neurons().get(0);
        assertEquals(-1.0 + 1.0 + 7.0, neuron.sum(), 1e-5, "the Dense layer sums the normalised values");
    }

    @Test
    void printsTheFeatureTableAndListsAllFeaturesInJson() throws Exception {
        float[] offset = new float[20];
        float[] scale = new float[20];
        float[] x = new float[20];
        for (int j = 0; j < 20; j++) {
            offset[j] = j;
            scale[j] = 2;
            x[j] = 3 * j;
        }
        Sequential model = new Sequential(new Normalization(offset, scale));
        List<TraceStep> steps = new Tracer(5).trace(model, Tensor.wrap(x.clone(), 1, 20));
        Trace trace = new Trace(x, null, steps, steps.get(0).output(), null, List.of());
        java.io.StringWriter text = new java.io.StringWriter();
        TraceText.print(trace, new java.io.PrintWriter(text, true));
        String out = text.toString();
        assertTrue(out.contains("layers.0 Normalization(20): (x - offset) / scale, feature by feature"), out);
        assertTrue(out.matches("(?s).*feature\\s+raw\\s+offset\\s+scale\\s+normalised.*"), out);
        // x[3] = 9: (9 - 3) / 2 = 3
        assertTrue(out.matches("(?s).*x\\[3\\]\\s+9\\.0000\\s+3\\.0000\\s+2\\.0000\\s+3\\.0000\\n.*"), out);
        assertTrue(out.contains("… and 4 more features, normalised to 16.0000 … 19.0000 (--json lists all)"), out);

        java.util.Map<String, Object> json = dev.dendrite.cli.TestJson.object(TraceJson.of(trace));
        List<?> features = (List<?>) ((java.util.Map<?, ?>) ((List<?>) json.get("layers")).get(0)).get("features");
        assertEquals(20, features.size());
        java.util.Map<?, ?> last = (java.util.Map<?, ?>) features.get(19);
        assertEquals(57.0, ((Number) last.get("raw")).doubleValue());
        assertEquals(19.0, ((Number) last.get("offset")).doubleValue());
        assertEquals(2.0, ((Number) last.get("scale")).doubleValue());
        assertEquals(19.0, ((Number) last.get("normalised")).doubleValue());
    }

    @Test
    void rejectsATopOfZero() {
        assertThrows(IllegalArgumentException.class, () -> new Tracer(0));
    }
}
