package dev.dendrite.nn;

import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Validate;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * How a layer is written as an item of a compact {@link LayerList}: the item's name, the arguments
 * after it ({@code conv:OUT:K[:STRIDE[:PAD[:DILATION]]]}), and how to build the layer from them
 * and the shape flowing in. A layer declares its forms on its own {@link LayerType}
 * ({@link LayerType#withListForms}), so a new layer needs no line in {@link LayerList}. Immutable.
 *
 * <pre>{@code
 * ListForm.of("dropout", "dropout:P", 1, 1, false, (args, input, random) -> new Dropout(args.real(0, "a probability"), random))
 * }</pre>
 *
 * @param name         the item's name, lower case
 * @param usage        the item as its user writes it, for messages
 * @param minArguments the fewest arguments after the name
 * @param maxArguments the most arguments after the name
 * @param takesImages  whether the layer reads images {@code [N, C, H, W]}, so that a list starting
 *                     with it is built for the data's image shape rather than its flat rows
 * @param builder      the layer for the arguments and the input shape
 */
public record ListForm(String name, String usage, int minArguments, int maxArguments, boolean takesImages,
        Builder builder) {
    /** Checks that nothing is missing and the argument counts make sense. */
    public ListForm {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(builder, "builder");
        Validate.argument(minArguments >= 0 && maxArguments >= minArguments, "ListForm " + name,
                "0 <= minArguments <= maxArguments", minArguments + ", " + maxArguments);
    }

    /** A form; see the record components. */
    public static ListForm of(String name, String usage, int minArguments, int maxArguments, boolean takesImages,
            Builder builder) {
        return new ListForm(name, usage, minArguments, maxArguments, takesImages, builder);
    }

    /**
     * The layer for {@code arguments} on input {@code input} ({@code [1, ...sample]}).
     *
     * @throws IllegalArgumentException if the number of arguments is outside this form's, an argument
     *     does not read, or the layer cannot take the input
     */
    public Module build(Arguments arguments, Shape input, Random random) {
        int count = arguments.values().size();
        Validate.argument(count >= minArguments && count <= maxArguments, name, usage,
                count + " argument" + (count == 1 ? "" : "s"));
        return builder.build(arguments, input, random);
    }

    /** Builds a layer from an item's arguments. */
    @FunctionalInterface
    public interface Builder {
        /**
         * The layer for {@code arguments} on {@code input}, drawing initial weights from {@code random}.
         *
         * @throws IllegalArgumentException if an argument or the input does not fit the layer
         */
        Module build(Arguments arguments, Shape input, Random random);
    }

    /**
     * An item's arguments as written, and whether a ReLU-family activation follows the item (which
     * picks He rather than Xavier initialisation). Immutable.
     *
     * @param values   the arguments after the name, trimmed
     * @param reluNext whether the next item is a ReLU-family activation
     */
    public record Arguments(List<String> values, boolean reluNext) {
        /** Copies the values. */
        public Arguments {
            values = List.copyOf(values);
        }

        /** Argument {@code index} as a whole number. */
        public int integer(int index) {
            return parseInt(values.get(index), "a whole number");
        }

        /** Argument {@code index} as a whole number, or {@code fallback} when it is not given. */
        public int integer(int index, int fallback) {
            return values.size() > index ? integer(index) : fallback;
        }

        /** Argument {@code index} as a number; {@code what} names it in the message when it is not one. */
        public double real(int index, String what) {
            try {
                return Double.parseDouble(values.get(index));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(Validate.message("layer list", what, "'" + values.get(index)
                        + "'"), e);
            }
        }

        /** Argument {@code index} as written, or {@code fallback} when it is not given. */
        public String text(int index, String fallback) {
            return values.size() > index ? values.get(index) : fallback;
        }

        /** Every argument as a whole number ({@code reshape:1:28:28}). */
        public int[] integers(String what) {
            return values.stream().mapToInt(text -> parseInt(text, what)).toArray();
        }

        private static int parseInt(String text, String what) {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(Validate.message("layer list", what, "'" + text + "'"), e);
            }
        }
    }
}
