package dev.dendrite.nn;

import dev.dendrite.nn.activation.Activations;
import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Validate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A model written as a compact list of layers, such as
 * {@code conv:32:3,relu,maxpool:2,conv:64:3,relu,maxpool:2,flatten,dense:128,relu,dropout:0.5,dense:10}.
 * Each item is {@code name[:arg[:arg...]]}, the arguments in the order of the layer's constructor
 * without its input size, which comes from the shape flowing in: {@link #build} starts from the
 * data's sample shape ({@code [1, 28, 28]} for MNIST) and walks each layer's
 * {@link Module#outputShape}, so {@code dense:128} after {@code flatten} knows it takes 1600.
 *
 * <table>
 *   <caption>Items</caption>
 *   <tr><td>{@code conv:OUT:K[:STRIDE[:PAD[:DILATION]]]}</td><td>{@link Conv2d}; PAD a number or {@code same}</td></tr>
 *   <tr><td>{@code maxpool:K[:STRIDE[:PAD]]}, {@code avgpool:K[:STRIDE[:PAD]]}</td><td>{@link MaxPool2d}, {@link AvgPool2d}</td></tr>
 *   <tr><td>{@code globalavgpool}, {@code flatten}</td><td>{@link GlobalAvgPool2d}, {@link Flatten}</td></tr>
 *   <tr><td>{@code reshape:D1[:D2...]}</td><td>{@link Reshape}, per-sample dims, one may be -1</td></tr>
 *   <tr><td>{@code dense:OUT}</td><td>{@link Dense}</td></tr>
 *   <tr><td>{@code batchnorm}</td><td>{@link BatchNorm2d} on images, {@link BatchNorm1d} on features
 *       ({@code batchnorm1d}, {@code batchnorm2d} say which)</td></tr>
 *   <tr><td>{@code dropout:P}, {@code dropout2d:P}</td><td>{@link Dropout}, {@link Dropout2d}</td></tr>
 *   <tr><td>an activation name</td><td>{@code relu}, {@code tanh}, ... ({@link Activations#names()})</td></tr>
 * </table>
 * Each layer declares its items itself ({@link LayerType#listForms()}, collected from
 * {@link BuiltInLayers}), so a new layer needs no line here.
 * Presets: {@code lenet5}, {@code mnist-cnn} and {@code mnist-cnn-bn} ({@link #PRESETS}). Dense and convolution layers
 * followed by a ReLU-family activation get He-uniform weights, other Dense layers Xavier-uniform;
 * biases start at zero. Immutable.
 *
 * @param text  the list as written (a preset is replaced by its list)
 * @param items the items in order
 */
public record LayerList(String text, List<Item> items) {
    /** The named lists {@code --model} accepts besides a written list. */
    public static final Map<String, String> PRESETS = presets();

    /** The item names of {@link BuiltInLayers}' list forms; an item that is none of these is an activation. */
    private static final Map<String, ListForm> FORMS = forms();

    /** One item: its name and its arguments as written. */
    public record Item(String name, List<String> args) {
        /** Copies the arguments. */
        public Item {
            args = List.copyOf(args);
        }

        @Override
        public String toString() {
            return args.isEmpty() ? name : name + ":" + String.join(":", args);
        }
    }

    /** Copies the items. */
    public LayerList {
        items = List.copyOf(items);
    }

    private static Map<String, String> presets() {
        Map<String, String> presets = new LinkedHashMap<>();
        // LeNet-5 (LeCun et al., 1998) as it is trained today: ReLU and max pooling, 28x28 input
        // padded by 2 to the original 32x32 geometry.
        presets.put("lenet5", "conv:6:5:1:2,relu,maxpool:2,conv:16:5,relu,maxpool:2,flatten,"
                + "dense:120,relu,dense:84,relu,dense:10");
        presets.put("mnist-cnn", "conv:32:3,relu,maxpool:2,conv:64:3,relu,maxpool:2,flatten,dense:128,relu,"
                + "dropout:0.5,dense:10");
        // mnist-cnn with batch normalisation after each convolution: trains faster and stands a
        // larger learning rate (README, CNN section, for the accuracy it reached).
        presets.put("mnist-cnn-bn", "conv:32:3,batchnorm,relu,maxpool:2,conv:64:3,batchnorm,relu,maxpool:2,flatten,"
                + "dense:128,relu,dropout:0.5,dense:10");
        return java.util.Collections.unmodifiableMap(presets);
    }

    /**
     * Whether {@code text} is a preset name or reads as a layer list (rather than an
     * {@code mlp:...} spec or a file name): a comma-separated list whose first item names a layer.
     */
    public static boolean matches(String text) {
        if (PRESETS.containsKey(text)) {
            return true;
        }
        String first = text.split(",", -1)[0].split(":", -1)[0].trim();
        return text.contains(",") && (FORMS.containsKey(first) || Activations.names().contains(first));
    }

    /**
     * Parses a preset name or a list.
     *
     * @throws IllegalArgumentException for an empty item or an unknown layer name, naming it
     */
    public static LayerList parse(String text) {
        String list = PRESETS.getOrDefault(text.trim(), text.trim());
        List<Item> items = new ArrayList<>();
        for (String part : list.split(",", -1)) {
            String[] pieces = part.trim().split(":", -1);
            String name = pieces[0].trim().toLowerCase(java.util.Locale.ROOT);
            Validate.argument(!name.isEmpty(), "layer list", "items such as conv:32:3 separated by commas",
                    "an empty item in '" + text + "'");
            Validate.argument(FORMS.containsKey(name) || Activations.names().contains(name),
                    "layer list", "a layer (" + String.join(", ", FORMS.keySet()) + ") or an activation",
                    "'" + name + "' in '" + text + "'");
            List<String> args = new ArrayList<>();
            for (int i = 1; i < pieces.length; i++) {
                args.add(pieces[i].trim());
            }
            items.add(new Item(name, args));
        }
        return new LayerList(list, items);
    }

    /**
     * Whether the first item takes images {@code [N, C, H, W]} (a convolution, pooling, batchnorm2d
     * or dropout2d), so the model should be built for the data's image shape rather than its flat
     * rows: {@code build(takesImages() ? data.imageShape() : data.featureShape(), random)}.
     */
    public boolean takesImages() {
        ListForm first = FORMS.get(items.get(0).name());
        return first != null && first.takesImages();
    }

    /**
     * The model for samples of {@code sampleShape} (without the batch dimension: {@code [1, 28, 28]},
     * {@code [784]}), with weights drawn from {@code random}.
     *
     * @throws IllegalArgumentException naming the item that cannot take the shape flowing into it,
     *     or whose arguments are wrong
     */
    public Sequential build(int[] sampleShape, Random random) {
        Sequential model = new Sequential();
        int[] dims = new int[sampleShape.length + 1];
        dims[0] = 1;
        System.arraycopy(sampleShape, 0, dims, 1, sampleShape.length);
        Shape shape = Shape.of(dims);
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            boolean reluNext = i + 1 < items.size() && items.get(i + 1).name().contains("relu");
            try {
                Module layer = buildItem(item, shape, reluNext, random);
                shape = layer.outputShape(shape);
                model.add(layer);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer list item " + (i + 1) + " '" + item + "' on input "
                        + perSample(shape) + ": " + e.getMessage(), e);
            }
        }
        return model;
    }

    private static String perSample(Shape shape) {
        int[] dims = shape.dims();
        return Arrays.toString(Arrays.copyOfRange(dims, 1, dims.length));
    }

    /** The list text, which {@link #parse} reads back. */
    @Override
    public String toString() {
        return String.join(",", items.stream().map(Item::toString).toList());
    }

    private static Map<String, ListForm> forms() {
        Map<String, ListForm> forms = new LinkedHashMap<>();
        for (LayerType<?> type : BuiltInLayers.TYPES) {
            for (ListForm form : type.listForms()) {
                ListForm earlier = forms.putIfAbsent(form.name(), form);
                if (earlier != null) {
                    throw new IllegalStateException("layer list: the item name '" + form.name()
                            + "' is declared twice (by " + type.layerClass().getSimpleName() + " and before it)");
                }
            }
        }
        return java.util.Collections.unmodifiableMap(forms);
    }

    private static Module buildItem(Item item, Shape shape, boolean reluNext, Random random) {
        ListForm form = FORMS.get(item.name());
        if (form != null) {
            return form.build(new ListForm.Arguments(item.args(), reluNext), shape, random);
        }
        int count = item.args().size();
        Validate.argument(count == 0, item.name(), item.name(), count + " argument" + (count == 1 ? "" : "s"));
        return (Module) Activations.byName(item.name());
    }
}
