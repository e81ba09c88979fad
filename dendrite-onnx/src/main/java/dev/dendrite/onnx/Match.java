package dev.dendrite.onnx;

import dev.dendrite.nn.Module;
import dev.dendrite.onnx.proto.Onnx.NodeProto;
import java.util.List;

/**
 * Nodes of an ONNX graph that together compute one Dendrite layer (or nothing, for Identity,
 * inference-time Dropout and a flatten of the input), and the value they leave for the next layer.
 *
 * @param nodes        the nodes taken, Constant nodes excluded
 * @param output       the value the next layer reads
 * @param layer        the layer, or null when these nodes change nothing Dendrite needs to do
 * @param flattensTo   for a flatten or reshape, the per-sample shape after it; else null
 */
record Match(List<NodeProto> nodes, String output, Module layer, int[] flattensTo) {
    /** A match that becomes {@code layer}. */
    static Match layer(List<NodeProto> nodes, String output, Module layer) {
        return new Match(nodes, output, layer, null);
    }

    /** A match that needs no layer. */
    static Match passThrough(NodeProto node) {
        return new Match(List.of(node), node.getOutput(0), null, null);
    }
}
