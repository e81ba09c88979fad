#!/usr/bin/env python3
"""The cost model of docs/distributed.md: efficiency of a round for P workers, from measured constants.

efficiency = compute / (compute + overhead), per round:
  compute  = rows per worker per round * seconds per row (scaled by parameters for other models)
  overhead = T0 (scheduling, task launch, result handling; measured)
           + broadcast: V bytes down (torrent: each worker link carries V once)
           + gather: V bytes from each of min(P, 16) senders into one node, twice when P > 16
             (groups of 16 are summed on executors first, then the group sums on the driver)
  V = 4 bytes * parameters * vectors (1 for sync; 3 for averaging with Adam: weights and two moments)
"""
T0 = 0.162            # s per round, measured: spark-train --master local[1], MNIST MLP (a loaded 2-core machine)
ROW = 0.1217 / 256    # s per row, measured: the slowest task's compute for 256 rows of the MNIST MLP
MNIST = 235_146       # parameters of mlp:784-256-128-10
BANDWIDTH = 1.25e9    # bytes/s: 10 Gb/s Ethernet, an assumption (the measurements here ran over loopback)


def overhead(params, vectors, workers):
    v = 4 * params * vectors
    gather = v * min(workers, 16) / BANDWIDTH
    if workers > 16:
        gather += v * ((workers + 15) // 16) / BANDWIDTH + T0   # a second level: one shuffle more
    return T0 + v / BANDWIDTH + gather


def efficiency(params, vectors, workers, rows_per_worker):
    compute = rows_per_worker * ROW * params / MNIST
    return compute / (compute + overhead(params, vectors, workers))


def smallest_k(params, workers, batch):
    for k in range(1, 100_000):
        if efficiency(params, 3, workers, k * batch) >= 0.8:
            return k
    return None


if __name__ == "__main__":
    print("| model | workers | sync, global batch 256 | sync, 1024 rows/worker | average b=128 K=8 | K for 80% (b=128) |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, params in (("MNIST MLP (235k)", MNIST), ("10M parameters", 10_000_000)):
        for workers in (8, 64, 256):
            print(f"| {name} | {workers} | {efficiency(params, 1, workers, 256 / workers):.0%} "
                  f"| {efficiency(params, 1, workers, 1024):.0%} | {efficiency(params, 3, workers, 8 * 128):.0%} "
                  f"| {smallest_k(params, workers, 128)} |")
