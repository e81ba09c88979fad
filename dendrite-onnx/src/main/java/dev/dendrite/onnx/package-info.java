/**
 * ONNX export and import: {@link dev.dendrite.onnx.OnnxExport} writes a Dendrite model as an ONNX
 * file that ONNX Runtime runs; {@link dev.dendrite.onnx.OnnxImport} reads a chain-shaped ONNX graph
 * (Dendrite's own, or PyTorch's for an {@code nn.Sequential} MLP) back as a
 * {@link dev.dendrite.nn.Sequential}. Export is one {@link dev.dendrite.onnx.LayerConverter} per
 * layer class, registered in {@link dev.dendrite.onnx.OnnxConverters}. The protobuf message classes
 * in {@code dev.dendrite.onnx.proto} are generated at build time from ONNX's {@code onnx.proto}.
 */
package dev.dendrite.onnx;
