#!/usr/bin/env bash
# Times the reference CNN (Conv 1->32 3x3, ReLU, MaxPool2, Conv 32->64 3x3, ReLU, MaxPool2, Flatten,
# Dense 1600->128, ReLU, Dense 128->10; batch 64; SGD lr 0.01; random 28x28 inputs) through
# `dendrite bench cnn` and, when `/usr/bin/python3 -c 'import torch'` works, the same network in
# PyTorch, on each thread count. PyTorch is a reference measurement only, never a dependency.
#
# Usage: bench/compare-cnn.sh [--threads 1,2] [--samples N] [--rounds N]
# Each side warms up, then times --rounds rounds of --samples training images (and as many
# inference images, batch 64, no gradients) and keeps the best round.
# Set DENDRITE to the command to run (default: the ./dendrite launcher); PYTHON to the interpreter.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
threads="1,2"
samples=10240
rounds=3
python="${PYTHON:-/usr/bin/python3}"
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) threads="$2"; shift 2 ;;
    --samples) samples="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "compare-cnn.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done

torch_script='
import sys, time
import torch
import torch.nn as nn
threads, samples, rounds = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
torch.set_num_threads(threads)
torch.manual_seed(42)
model = nn.Sequential(
    nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(), nn.Linear(1600, 128), nn.ReLU(), nn.Linear(128, 10))
images = [torch.rand(64, 1, 28, 28) for _ in range(8)]
labels = [torch.randint(0, 10, (64,)) for _ in range(8)]
sgd = torch.optim.SGD(model.parameters(), lr=0.01)
loss_fn = nn.CrossEntropyLoss()
batches = samples // 64
def train(count):
    for i in range(count):
        sgd.zero_grad()
        loss = loss_fn(model(images[i % 8]), labels[i % 8])
        loss.backward()
        sgd.step()
def infer(count):
    with torch.no_grad():
        for i in range(count):
            model(images[i % 8])
def best(step):
    step(20)
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        step(batches)
        times.append(time.perf_counter() - t0)
    return min(times)
model.train()
train_s = best(train)
model.eval()
infer_s = best(infer)
n = batches * 64
print(f"torch threads={threads} seconds_per_10k={train_s * 10000 / n:.3f} images_per_second={n / train_s:.0f}")
print(f"torch_inference threads={threads} images_per_second={n / infer_s:.0f}")
'

have_torch=0
if [ -x "$python" ] && "$python" -c 'import torch' >/dev/null 2>&1; then
  have_torch=1
else
  echo "# $python cannot import torch; timing Dendrite only" >&2
fi
for count in ${threads//,/ }; do
  "${DENDRITE:-$root/dendrite}" bench cnn --threads "$count" --samples "$samples" --rounds "$rounds"
  if [ "$have_torch" = 1 ]; then
    echo "# PyTorch $("$python" -c 'import torch; print(torch.__version__)') (reference only)"
    # glibc keeps freed tensors' memory instead of mapping fresh pages for each (see readme-table.sh)
    OMP_NUM_THREADS="$count" MKL_NUM_THREADS="$count" \
      GLIBC_TUNABLES="glibc.malloc.mmap_threshold=2147483647:glibc.malloc.trim_threshold=2147483647" \
      "$python" -c "$torch_script" "$count" "$samples" "$rounds"
  fi
done
