package dev.dendrite.autograd;

import dev.dendrite.tensor.Tensor;
import dev.dendrite.tensor.Validate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reverse-mode differentiation: walks the recorded graph from a result back to the leaves,
 * applying each op's backward, and adds the gradients into the leaves' {@code grad}.
 *
 * <p>Gradients add up when a tensor feeds several ops (the multivariate chain rule).
 */
public final class Backward {
    private Backward() {
    }

    /** Backpropagates {@code seed} (dLoss/dRoot, the same shape as {@code root}) from {@code root}. */
    public static void run(Tensor root, Tensor seed) {
        Validate.state(root.requiresGrad(), "backward", "a tensor that requires grad",
                "one that does not (was it computed under noGrad, or from tensors without requiresGrad?)");
        if (!seed.shape().equals(root.shape())) {
            Validate.argument(false, "backward", "a seed gradient of shape " + root.shape(), seed.shape());
        }
        Map<Tensor, Tensor> pending = new IdentityHashMap<>();
        pending.put(root, seed);
        // Gradients no one else holds: a leaf may keep them instead of a copy (a weight's is 800 KB).
        Set<Tensor> fresh = Collections.newSetFromMap(new IdentityHashMap<>());
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            for (Tensor node : topologicalOrder(root)) {
                Tensor grad = pending.remove(node);
                if (grad == null) {
                    continue;
                }
                Op creator = node.creator();
                if (creator == null) {
                    if (fresh.contains(grad)) {
                        node.adoptGrad(grad);
                    } else {
                        node.accumulateGrad(grad);
                    }
                    continue;
                }
                propagate(creator, grad, pending, fresh);
            }
        }
    }

    private static void propagate(Op creator, Tensor grad, Map<Tensor, Tensor> pending, Set<Tensor> fresh) {
        // A fresh gradient is consumed here and never read again: its op may write over it.
        Tensor[] inputGrads = fresh.remove(grad) ? creator.backwardOverwriting(grad) : creator.backward(grad);
        for (int i = 0; i < creator.inputCount(); i++) {
            Tensor input = creator.input(i);
            if (!input.requiresGrad() || inputGrads[i] == null) {
                continue;
            }
            if (!inputGrads[i].shape().equals(input.shape())) { // the message is built only on failure
                Validate.state(false, creator.name() + ".backward",
                        "gradient of input " + i + " with shape " + input.shape(), inputGrads[i].shape());
            }
            Tensor previous = pending.get(input);
            if (previous == null) {
                pending.put(input, inputGrads[i]);
                if (creator.returnsFreshGradients()) {
                    fresh.add(inputGrads[i]);
                }
            } else {
                pending.put(input, previous.add(inputGrads[i]));
            }
        }
    }

    /** Nodes ordered so that every node comes before the inputs of its creator. */
    private static List<Tensor> topologicalOrder(Tensor root) {
        List<Tensor> postOrder = new ArrayList<>();
        Set<Tensor> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {root, 0});
        visited.add(root);
        while (!stack.isEmpty()) {
            Object[] frame = stack.peek();
            Tensor node = (Tensor) frame[0];
            int next = (Integer) frame[1];
            Op creator = node.creator();
            if (creator != null && next < creator.inputCount()) {
                frame[1] = next + 1;
                Tensor input = creator.input(next);
                if (input.requiresGrad() && visited.add(input)) {
                    stack.push(new Object[] {input, 0});
                }
            } else {
                stack.pop();
                postOrder.add(node);
            }
        }
        Collections.reverse(postOrder);
        return postOrder;
    }
}
