"""Reference figures for the README's performance table: numpy (OpenBLAS) for every SGEMM case of a
`dendrite bench all` summary, and PyTorch for the MLP epoch, one-sample inference, the small
network's step and the CNN, on the same thread counts. A reference measurement only; Dendrite never needs Python.

Usage: python3 bench/reference.py SUMMARY.json THREADS OUT.json [--quick]
Run once per thread count (numpy's thread count is fixed when it loads: set OPENBLAS_NUM_THREADS);
entries are appended to OUT.json when it exists.
"""
import json
import os
import sys
import time

import numpy as np


def gemm(m, n, k, form, reps):
    rng = np.random.default_rng(42)
    a = rng.uniform(-1, 1, (k, m) if form[0] == "t" else (m, k)).astype(np.float32)
    b = rng.uniform(-1, 1, (n, k) if form[1] == "t" else (k, n)).astype(np.float32)
    opa = a.T if form[0] == "t" else a
    opb = b.T if form[1] == "t" else b
    out = np.empty((m, n), dtype=np.float32)
    start, calls = time.perf_counter(), 0
    while calls < 3 or time.perf_counter() - start < 0.5:
        np.matmul(opa, opb, out=out)
        calls += 1
    batch = max(1, int(0.2 / ((time.perf_counter() - start) / calls)))
    best = 0.0
    for _ in range(reps):
        t0 = time.perf_counter()
        for _ in range(batch):
            np.matmul(opa, opb, out=out)
        best = max(best, 2.0 * m * n * k * batch / (time.perf_counter() - t0) / 1e9)
    return best


def torch_figures(torch, threads, quick):
    import torch.nn as nn
    torch.set_num_threads(threads)
    torch.manual_seed(42)
    figures = {"mlp": [], "inference": [], "small": [], "cnn": []}
    samples = 2048 if quick else 60000
    x = torch.rand(samples, 784)
    y = torch.randint(0, 10, (samples,))
    for name in ("sgd", "adam"):
        model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
        optimizer = (torch.optim.SGD(model.parameters(), lr=0.01) if name == "sgd"
                     else torch.optim.Adam(model.parameters(), lr=1e-3))
        loss = nn.CrossEntropyLoss()
        best = float("inf")
        warmup = 1 if quick else 3  # epochs not timed, as in bench mlp
        for epoch in range(warmup + (1 if quick else 3)):
            t0 = time.perf_counter()
            for i in range(0, samples - 127, 128):
                optimizer.zero_grad()
                loss(model(x[i:i + 128]), y[i:i + 128]).backward()
                optimizer.step()
            if epoch >= warmup:
                best = min(best, time.perf_counter() - t0)
        figures["mlp"].append({"optimizer": name, "threads": threads, "epochSeconds": best})
    with torch.no_grad():
        one = torch.rand(1, 784)
        for _ in range(200):
            model(one)
        times = []
        for _ in range(200 if quick else 2000):
            t0 = time.perf_counter()
            model(one)
            times.append((time.perf_counter() - t0) * 1e6)
        times.sort()
        figures["inference"].append({"threads": threads, "p50Microseconds": times[len(times) // 2]})
    # bench small: 1-32-32-16-16-1 with sigmoid and a tanh output, MSE, Adam at 0.01, batches of 50
    # of 2000 points; mean time per step over the timed epochs after as many warm-up epochs.
    small = nn.Sequential(nn.Linear(1, 32), nn.Sigmoid(), nn.Linear(32, 32), nn.Sigmoid(), nn.Linear(32, 16),
                          nn.Sigmoid(), nn.Linear(16, 16), nn.Sigmoid(), nn.Linear(16, 1), nn.Tanh())
    points = torch.rand(2000, 1) * 200 - 100
    targets = torch.rand(2000, 1)
    adam = torch.optim.Adam(small.parameters(), lr=0.01)
    mse = nn.MSELoss()
    epochs = 2 if quick else 500

    def small_epochs(count):
        for _ in range(count):
            order = torch.randperm(2000)
            for i in range(0, 2000, 50):
                rows = order[i:i + 50]
                adam.zero_grad()
                mse(small(points[rows]), targets[rows]).backward()
                adam.step()
    small_epochs(epochs)
    t0 = time.perf_counter()
    small_epochs(epochs)
    figures["small"].append({"threads": threads, "stepMicroseconds": (time.perf_counter() - t0) * 1e6 / (epochs * 40)})
    cnn = nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(1600, 128), nn.ReLU(), nn.Linear(128, 10))
    images = [torch.rand(64, 1, 28, 28) for _ in range(8)]
    labels = [torch.randint(0, 10, (64,)) for _ in range(8)]
    sgd = torch.optim.SGD(cnn.parameters(), lr=0.01)
    loss = nn.CrossEntropyLoss()
    batches = 2 if quick else 160

    def train(count):
        for i in range(count):
            sgd.zero_grad()
            loss(cnn(images[i % 8]), labels[i % 8]).backward()
            sgd.step()
    train(5 if quick else 30)
    t0 = time.perf_counter()
    train(batches)
    per_10k = (time.perf_counter() - t0) * 10000 / (batches * 64)
    with torch.no_grad():
        cnn.eval()
        for i in range(5):
            cnn(images[i % 8])
        t0 = time.perf_counter()
        for i in range(batches):
            cnn(images[i % 8])
        rate = batches * 64 / (time.perf_counter() - t0)
    figures["cnn"].append({"threads": threads, "secondsPer10k": per_10k, "inferenceImagesPerSecond": rate})
    return figures


def main():
    summary_path, threads, out_path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    quick = "--quick" in sys.argv[4:]
    summary = json.load(open(summary_path))
    reference = json.load(open(out_path)) if os.path.exists(out_path) else {}
    reference["numpy"] = np.__version__
    for result in summary["results"]:
        if result["benchmark"] != "gemm":
            continue
        for case in result["results"]:
            if int(case["threads"]) != threads:
                continue
            m, n, k, form = int(case["m"]), int(case["n"]), int(case["k"]), case["form"]
            gflops = gemm(m, n, k, form, 1 if quick else 5)
            reference.setdefault("gemm", []).append(
                {"m": m, "n": n, "k": k, "form": form, "threads": threads, "gflops": gflops})
    try:
        import torch
    except ImportError:
        torch = None
    if torch is not None:
        reference["torch"] = torch.__version__
        for kind, entries in torch_figures(torch, threads, quick).items():
            reference.setdefault(kind, []).extend(entries)
    json.dump(reference, open(out_path, "w"), indent=1)


if __name__ == "__main__":
    main()
