package dev.dendrite.nn;

import dev.dendrite.tensor.Shape;
import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Anything that maps a tensor to a tensor: a layer, an activation, a whole model.
 *
 * <p>A module owns its parameters (tensors that require a gradient) and its child modules, both by
 * name, so a model's parameters have dotted paths such as {@code layers.0.weight}. It is in
 * training mode until {@link #eval()} is called; only some modules (Dropout) behave differently.
 *
 * <p><b>Threads.</b> Modules are mutable: training changes the parameters in place, and
 * {@link #train()} and {@link #eval()} set a plain field. What is safe:
 * <ul>
 *   <li><b>Inference from many threads.</b> Once a model is in evaluation mode and nothing trains
 *       it, any number of threads may call {@link #forward} at once, each inside its own
 *       {@link dev.dendrite.autograd.GradMode#noGrad()} scope (the mode is per thread). A forward
 *       pass then only reads the parameters and writes fresh tensors, so every thread gets
 *       bit for bit the output a lone thread gets, however the matrix products are split over the
 *       kernel threads. This holds for the modules in this library; a module of your own keeps it
 *       by writing no fields in {@code forward}.</li>
 *   <li><b>Training from one thread.</b> Not thread-safe: a backward pass adds into the
 *       parameters' gradients and the optimizer rewrites the weights, and Dropout in training mode
 *       draws from one shared {@link java.util.Random}. {@link dev.dendrite.train.Trainer#fit}
 *       claims the model for its duration ({@link #claimTraining}), so a second concurrent fit of
 *       the same model, or of a model that shares a layer with it, fails with an
 *       {@link IllegalStateException} instead of corrupting the weights.</li>
 *   <li>Not safe: switching between train and eval, or saving, while other threads use the model;
 *       predicting while another thread trains (the predictions mix old and new weights).</li>
 * </ul>
 */
public abstract class Module {
    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private boolean training = true;
    // The thread that has claimed this module for training, or null; lets a second fit fail fast.
    private final AtomicReference<Thread> trainingThread = new AtomicReference<>();

    /** Computes the module's output for {@code input}. */
    public abstract Tensor forward(Tensor input);

    /**
     * This module's forward followed by that of the first of {@code following} (the layers after it
     * in a model) or of several of them, in one pass, where this module can apply them as it writes
     * its own output (a convolution followed by ReLU and max pooling); null where it cannot, and
     * the default. A module that answers must give the same bits, and the same gradients, as the
     * separate calls. {@link Sequential} asks each layer about those after it, so that a model saves
     * the passes over memory (and the arrays) that the layers would cost one at a time.
     */
    public Fused forwardFused(Tensor input, List<Module> following) {
        return null;
    }

    /**
     * What {@link #forwardFused} computed: the output of the last layer it applied, and how many of
     * the following layers it applied (at least 1).
     */
    public record Fused(Tensor output, int layers) {
        public Fused {
            Validate.argument(layers >= 1, "Module.Fused", "at least 1 following layer applied", layers);
        }
    }

    /**
     * The shape of this module's output for an input of shape {@code input} (batch dimension
     * included), without computing it. The default suits modules that keep the shape (activations,
     * Dropout); a module that changes it overrides this.
     *
     * @throws IllegalArgumentException if the module cannot take an input of that shape, in the
     *     words {@link #forward} would use
     */
    public Shape outputShape(Shape input) {
        return input;
    }

    /**
     * The shape of one sample this module expects (without the batch dimension), with {@code -1}
     * for a dimension of any size, or {@code null} when it takes any shape (activations, Dropout).
     * {@code Dense(784 -> 256)} answers {@code [784]}; a model answers for its first layer that
     * has an answer.
     */
    public int[] sampleInputShape() {
        return null;
    }

    /** Registers a parameter under {@code name}, marks it as requiring a gradient, and returns it. */
    protected final Tensor registerParameter(String name, Tensor parameter) {
        checkNewName(name, "parameter");
        parameters.put(name, parameter.requiresGrad(true));
        return parameter;
    }

    /**
     * Registers a buffer under {@code name} and returns it: state that is not learned by gradient
     * but is part of the model, such as BatchNorm's running mean. Buffers are saved in model files
     * and checkpoints beside the parameters, and never require a gradient.
     */
    protected final Tensor registerBuffer(String name, Tensor buffer) {
        checkNewName(name, "buffer");
        Validate.argument(!buffer.requiresGrad(), getClass().getSimpleName(), "a buffer that does not require a gradient",
                () -> "'" + name + "' requiring one");
        buffers.put(name, buffer);
        return buffer;
    }

    /** Registers a child module under {@code name} and returns it. */
    protected final <M extends Module> M registerChild(String name, M child) {
        checkNewName(name, "child");
        children.put(name, child);
        return child;
    }

    private void checkNewName(String name, String kind) {
        Validate.argument(!parameters.containsKey(name) && !children.containsKey(name) && !buffers.containsKey(name),
                getClass().getSimpleName(), () -> "a new " + kind + " name", () -> "'" + name + "' twice");
    }

    /** This module's own buffers, by name, in registration order (not its children's). */
    public final Map<String, Tensor> localBuffers() {
        return Collections.unmodifiableMap(buffers);
    }

    /** Every buffer of this module and its descendants, by dotted path, depth first. */
    public final Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> all = new LinkedHashMap<>();
        collectBuffers("", all);
        return all;
    }

    private void collectBuffers(String prefix, Map<String, Tensor> into) {
        buffers.forEach((name, tensor) -> into.put(prefix + name, tensor));
        children.forEach((name, child) -> child.collectBuffers(prefix + name + ".", into));
    }

    /**
     * Every module in this tree that draws random numbers while training, by dotted path
     * ({@code layers.3}), depth first; the root's path is the empty string. Checkpoints save and
     * restore their generators, so a resumed run draws what an uninterrupted one would.
     */
    public final Map<String, Stochastic> stochasticModules() {
        Map<String, Stochastic> found = new LinkedHashMap<>();
        collectStochastic("", found);
        return found;
    }

    private void collectStochastic(String path, Map<String, Stochastic> into) {
        if (this instanceof Stochastic stochastic) {
            into.put(path, stochastic);
        }
        children.forEach((name, child) -> child.collectStochastic(path.isEmpty() ? name : path + "." + name, into));
    }

    /** This module's own parameters, by name, in registration order (not its children's). */
    public final Map<String, Tensor> localParameters() {
        return Collections.unmodifiableMap(parameters);
    }

    /** The child modules by name, in registration order. */
    public final Map<String, Module> children() {
        return Collections.unmodifiableMap(children);
    }

    /** Every parameter of this module and its descendants, by dotted path, depth first. */
    public final Map<String, Tensor> namedParameters() {
        Map<String, Tensor> all = new LinkedHashMap<>();
        collect("", all);
        return all;
    }

    private void collect(String prefix, Map<String, Tensor> into) {
        parameters.forEach((name, tensor) -> into.put(prefix + name, tensor));
        children.forEach((name, child) -> child.collect(prefix + name + ".", into));
    }

    /** Every parameter, in the order of {@link #namedParameters()}. */
    public final List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** The total number of learnable values. */
    public final long parameterCount() {
        long count = 0;
        for (Tensor p : parameters()) {
            count += p.size();
        }
        return count;
    }

    /** Clears the gradients of every parameter. */
    public final void zeroGrad() {
        for (Tensor p : parameters()) {
            p.zeroGrad();
        }
    }

    /** Switches this module and its descendants to training mode; returns this. */
    public final Module train() {
        setTraining(true);
        return this;
    }

    /** Switches this module and its descendants to evaluation mode; returns this. */
    public final Module eval() {
        setTraining(false);
        return this;
    }

    private void setTraining(boolean value) {
        training = value;
        children.values().forEach(child -> child.setTraining(value));
    }

    /** Whether the module is in training mode. */
    public final boolean isTraining() {
        return training;
    }

    /**
     * Marks this module and its descendants as being trained by the current thread until the
     * returned claim is closed, so that a second training of any of them at the same time fails
     * here instead of corrupting the weights. {@link dev.dendrite.train.Trainer#fit} holds a claim
     * while it runs:
     * <pre>{@code
     * try (Module.TrainingClaim claim = model.claimTraining("Trainer.fit")) { ... }
     * }</pre>
     *
     * @param op names the caller in the error message
     * @throws IllegalStateException if this module or a descendant is already claimed, by another
     *     thread or by an unfinished training on this one; nothing is claimed then
     */
    public final TrainingClaim claimTraining(String op) {
        Thread current = Thread.currentThread();
        Set<Module> claimed = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Module module : selfAndDescendants()) {
            if (claimed.contains(module)) {
                continue; // the same layer registered twice in one model
            }
            Thread owner = module.trainingThread.compareAndExchange(null, current);
            if (owner != null) {
                claimed.forEach(m -> m.trainingThread.set(null));
                String which = module == this ? "" : ", whose layer " + module + " is";
                throw new IllegalStateException(Validate.message(op, "a model that no other training is using",
                        describeIdentity() + which + " already being trained by thread '" + owner.getName()
                                + "'. Train one model from one thread at a time, or train copies"));
            }
            claimed.add(module);
        }
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.getAndSet(false)) {
                claimed.forEach(m -> m.trainingThread.compareAndSet(current, null));
            }
        };
    }

    /** Whether a {@link #claimTraining} claim on this module is open, by any thread. */
    public final boolean isClaimedForTraining() {
        return trainingThread.get() != null;
    }

    /** An open claim from {@link #claimTraining}; closing it releases the modules. */
    public interface TrainingClaim extends AutoCloseable {
        /** Releases the claimed modules; closing twice does nothing more. */
        @Override
        void close();
    }

    private List<Module> selfAndDescendants() {
        List<Module> all = new ArrayList<>();
        all.add(this);
        for (int i = 0; i < all.size(); i++) {
            all.addAll(all.get(i).children.values());
        }
        return all;
    }

    /** The class and identity, e.g. {@code Sequential@1b6d3586}: short, unlike a container's toString. */
    private String describeIdentity() {
        return getClass().getSimpleName() + "@" + Integer.toHexString(System.identityHashCode(this));
    }

    /**
     * The hyperparameters inside this module's one-line description, such as {@code 784 -> 256}
     * for {@code Dense(784 -> 256)}; empty by default. The one hook a layer overrides to print
     * itself, as PyTorch's {@code extra_repr}.
     */
    protected String extraRepr() {
        return "";
    }

    /** A one-line description, the class name and {@link #extraRepr()}: {@code Dense(784 -> 256)}. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + extraRepr() + ")";
    }
}
