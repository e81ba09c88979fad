package dev.dendrite.cli;

import dev.dendrite.cli.trace.Trace;
import dev.dendrite.cli.trace.TraceJson;
import dev.dendrite.cli.trace.TraceStep;
import dev.dendrite.cli.trace.TraceText;
import dev.dendrite.cli.trace.Tracer;
import dev.dendrite.data.Dataset;
import dev.dendrite.nn.Dense;
import dev.dendrite.nn.Module;
import dev.dendrite.nn.Sequential;
import dev.dendrite.nn.activation.ReLU;
import dev.dendrite.nn.activation.Sigmoid;
import dev.dendrite.nn.activation.Softmax;
import dev.dendrite.tensor.Tensor;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dendrite trace}: a trained model's arithmetic on one input, neuron by neuron, as the
 * article works through a layer by hand.
 */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = "Show a model's arithmetic on one input: each neuron's largest weight×input terms, sum, bias, "
                + "z and activation; then the probabilities and the predicted class.",
        footer = {"", "Examples:", "  dendrite trace --demo",
            "  dendrite trace --model iris.safetensors --input 5.1,3.5,1.4,0.2 --top 3",
            "  dendrite trace --model mnist.safetensors --data mnist:DIR --index 7 --layer 2 --neuron 3 --json"})
final class TraceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(multiplicity = "1")
    Source source;

    @Option(names = "--input", paramLabel = "VALUES", description = "The input's values, comma-separated (raw, "
            + "before the model's normalisation).")
    String input;

    @Option(names = "--data", paramLabel = "SPEC", description = "Take the input from data: " + DataSpec.HELP
            + " (the test split when there is one).")
    String data;

    @Option(names = "--index", paramLabel = "I", defaultValue = "0", description = "The row of --data to trace (default: 0).")
    int index;

    @Option(names = "--top", paramLabel = "K", defaultValue = "5",
            description = "Show each neuron's K largest terms (default: 5).")
    int top;

    @Option(names = "--layer", paramLabel = "L", description = "Show only layer L (layers.L).")
    Integer layer;

    @Option(names = "--neuron", paramLabel = "J", description = "Show only neuron J of the layer given by --layer.")
    Integer neuron;

    @Option(names = "--json", description = "Print the trace as JSON.")
    boolean json;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for generated data sets.")
    long seed;

    @Option(names = "--verbose", description = "Print stack traces of errors.")
    boolean verbose;

    /** Where the model comes from: a file, or the article's own two layers. */
    static final class Source {
        @Option(names = "--model", paramLabel = "FILE", description = "The model file.")
        java.nio.file.Path modelFile;

        @Option(names = "--demo", description = "Trace the article's network (as in 'dendrite demo') on its input.")
        boolean demo;
    }

    @Override
    public Integer call() throws IOException {
        checkUsage();
        Trace trace = source.demo ? demoTrace() : modelTrace(TrainedModel.load(source.modelFile));
        Trace shown = trace.focus(layer, neuron);
        if (json) {
            spec.commandLine().getOut().println(TraceJson.of(shown));
        } else {
            TraceText.print(shown, spec.commandLine().getOut());
        }
        return 0;
    }

    private void checkUsage() {
        if (neuron != null && layer == null) {
            throw new ParameterException(spec.commandLine(), "--neuron needs --layer (which layer's neuron)");
        }
        if (source.demo && (input != null || data != null)) {
            throw new ParameterException(spec.commandLine(), "--demo traces the article's input; expected no "
                    + "--input or --data");
        }
        if (!source.demo && (input == null) == (data == null)) {
            throw new ParameterException(spec.commandLine(), "expected one of --input or --data, got "
                    + (input == null ? "neither" : "both"));
        }
        if (top < 1) {
            throw new ParameterException(spec.commandLine(), "--top: expected a count >= 1, got " + top);
        }
    }

    private void checkLayer(Sequential model) {
        int count = model.layers().size();
        if (layer != null && (layer < 0 || layer >= count)) {
            throw new ParameterException(spec.commandLine(), "--layer: expected a layer from 0 to " + (count - 1)
                    + ", got " + layer);
        }
    }

    /** The article's layer of three neurons, its ReLU and the second layer, on the article's input. */
    private Trace demoTrace() {
        Sequential model = new Sequential(Dense.fromNeuronRows(DemoCommand.LAYER_WEIGHTS, DemoCommand.LAYER_BIASES),
                new ReLU(), Dense.fromNeuronRows(DemoCommand.SECOND_WEIGHTS, DemoCommand.SECOND_BIASES));
        checkLayer(model);
        float[] x = DemoCommand.INPUTS.clone();
        List<TraceStep> steps = new Tracer(top).trace(model, Tensor.wrap(x.clone(), 1, x.length));
        return new Trace(x, null, steps, steps.get(steps.size() - 1).output(), null, List.of());
    }

    private Trace modelTrace(TrainedModel model) throws IOException {
        checkLayer(model.model());
        float[] raw = rawInput(model);
        float[] prepared = raw;
        if (model.normalizer() != null) {
            prepared = model.normalizer().apply(Tensor.wrap(raw.clone(), 1, raw.length)).toArray();
        }
        int[] shape = model.sampleInputShape();
        int[] dims = new int[shape == null ? 2 : shape.length + 1];
        dims[0] = 1;
        if (shape == null) {
            dims[1] = raw.length;
        } else {
            System.arraycopy(shape, 0, dims, 1, shape.length);
        }
        List<TraceStep> steps = new Tracer(top).trace(model.model(), Tensor.wrap(prepared.clone(), dims));
        float[] output = steps.get(steps.size() - 1).output();
        return new Trace(raw, model.normalizer() == null ? null : prepared, steps, output,
                probabilities(model, output), model.classNames());
    }

    private float[] rawInput(TrainedModel model) throws IOException {
        if (input != null) {
            return PredictInput.fromValues(input, model.inputWidth()).toArray();
        }
        Dataset set = DataSpec.load(data, seed, model.classNames(), !model.isClassification()).evaluationSet();
        model.checkFits(set);
        if (index < 0 || index >= set.size()) {
            throw new IllegalArgumentException("--index: expected a row from 0 to " + (set.size() - 1) + " of "
                    + set.name() + ", got " + index);
        }
        return set.features().sliceRows(index, index + 1).toArray();
    }

    /** Softmax of the class scores (sigmoid for a one-output binary model); none for regression. */
    private static float[] probabilities(TrainedModel model, float[] output) {
        if (!model.isClassification()) {
            return null;
        }
        List<Module> layers = model.model().layers();
        if (layers.get(layers.size() - 1) instanceof Softmax) {
            return output;
        }
        if (output.length == 1) {
            float p = new Sigmoid().value(output[0]);
            return new float[] {1 - p, p};
        }
        return new Softmax().forward(Tensor.wrap(output.clone(), 1, output.length)).toArray();
    }
}
