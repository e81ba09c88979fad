"""Regenerates the PyTorch-exported ONNX fixtures beside this script, with the outputs PyTorch computed.

Run with Debian's PyTorch (apt-get install python3-torch):  /usr/bin/python3 make_fixtures.py
Not run by the build: the .onnx files and the .txt expectations are committed.

Each NAME.onnx comes with NAME.txt:
    input D0 D1 ...      then one line of the input's float32 values (row-major)
    output D0 D1 ...     then one line of PyTorch's float32 outputs for that input
Values are printed with 9 significant digits, which round-trips float32 exactly.
"""
import sys

import torch
from torch import nn


class ViewFlatten(nn.Module):
    """x.view(x.size(0), -1): torch.onnx writes Shape, Gather, Unsqueeze, Concat, Reshape."""

    def forward(self, x):
        return x.view(x.size(0), -1)


def fixtures():
    torch.manual_seed(20261201)
    yield "mlp_relu", 17, (2, 3), nn.Sequential(
        nn.Flatten(), nn.Linear(6, 16), nn.ReLU(), nn.Linear(16, 8), nn.Tanh(), nn.Linear(8, 3))
    yield "mlp_gelu", 13, (5,), nn.Sequential(
        nn.Linear(5, 16), nn.GELU(), nn.Linear(16, 16), nn.SiLU(), nn.Linear(16, 4), nn.Softmax(dim=-1))
    yield "mlp_view", 17, (1, 2, 2), nn.Sequential(
        ViewFlatten(), nn.Linear(4, 12), nn.LeakyReLU(0.1), nn.Linear(12, 12), nn.GELU(approximate="tanh"),
        nn.Dropout(0.2), nn.Linear(12, 10), nn.ELU(), nn.Linear(10, 6), nn.Softplus(), nn.Linear(6, 2),
        nn.Sigmoid())
    yield "cnn_bn", 17, (1, 12, 12), with_statistics(nn.Sequential(
        nn.Conv2d(1, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(4, 6, 3), nn.ReLU(), nn.AvgPool2d(2), nn.Flatten(), nn.Linear(24, 5)))
    yield "cnn_gap", 13, (3, 9, 9), with_statistics(nn.Sequential(
        nn.Conv2d(3, 5, 3, stride=2, padding=1, bias=False), nn.BatchNorm2d(5), nn.ReLU(),
        nn.AvgPool2d(3, stride=2, padding=1), nn.Conv2d(5, 8, 1), nn.ReLU(), nn.AdaptiveAvgPool2d(1),
        nn.Flatten(), nn.Linear(8, 3)))


def with_statistics(model):
    """Batch norms with running statistics away from 0 and 1 (the exporter folds them into the conv)."""
    with torch.no_grad():
        for layer in model:
            if isinstance(layer, nn.BatchNorm2d):
                layer.running_mean.uniform_(-0.5, 0.5)
                layer.running_var.uniform_(0.5, 2.0)
                layer.weight.uniform_(0.5, 1.5)
                layer.bias.uniform_(-0.5, 0.5)
    return model


def values(tensor):
    return " ".join(format(v, ".9g") for v in tensor.detach().reshape(-1).tolist())


def main():
    print("torch", torch.__version__, file=sys.stderr)
    for name, opset, sample, model in fixtures():
        model.eval()
        inputs = torch.randn(7, *sample) * 2
        with torch.no_grad():
            outputs = model(inputs)
        torch.onnx.export(model, inputs[:1], name + ".onnx", input_names=["input"], output_names=["output"],
                          dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}}, opset_version=opset)
        with open(name + ".txt", "w") as out:
            out.write("input " + " ".join(map(str, inputs.shape)) + "\n" + values(inputs) + "\n")
            out.write("output " + " ".join(map(str, outputs.shape)) + "\n" + values(outputs) + "\n")


if __name__ == "__main__":
    main()
