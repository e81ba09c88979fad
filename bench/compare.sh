#!/usr/bin/env bash
# Runs the same GEMM cases through Dendrite and through numpy (OpenBLAS) on this machine and prints
# Dendrite's GFLOP/s as a ratio of numpy's. numpy is used here only as a reference measurement; the
# library itself never calls it.
#
# Usage: bench/compare.sh [--sizes 256,512,1024] [--shapes MxNxK[:FORM],...] [--threads 1,2] [--reps N]
# Defaults: the square sizes 256, 512, 1024 and the MLP shapes (128x784 @ 784x256, its two backward
# products, 128x256 @ 256x128, 128x128 @ 128x10), on 1 and 2 threads. Set DENDRITE to the command to
# run (default: the ./dendrite launcher beside this directory); JAVA_HOME picks the JDK as usual.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sizes="256,512,1024"
shapes="128x256x784,784x256x128:tn,128x784x256:nt,128x128x256,128x10x128"
threads="1,2"
reps=7
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --shapes) shapes="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --reps) reps="$2"; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "compare.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done

if ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import numpy' >/dev/null 2>&1; then
  echo "compare.sh: python3 with numpy not found; numpy is only the reference measurement, nothing to compare against." >&2
  exit 0
fi

dendrite_out="$(mktemp)"
trap 'rm -f "$dendrite_out"' EXIT
"${DENDRITE:-$root/dendrite}" bench gemm --sizes "$sizes" --shapes "$shapes" --threads "$threads" --reps "$reps" \
  | tee "$dendrite_out"

python_script='
import os, re, sys, time
import numpy as np

def measure(m, n, k, form, reps):
    rng = np.random.default_rng(42)
    a = rng.uniform(-1, 1, (k, m) if form[0] == "t" else (m, k)).astype(np.float32)
    b = rng.uniform(-1, 1, (n, k) if form[1] == "t" else (k, n)).astype(np.float32)
    opa = a.T if form[0] == "t" else a
    opb = b.T if form[1] == "t" else b
    out = np.empty((m, n), dtype=np.float32)
    start, calls = time.perf_counter(), 0
    while calls < 3 or time.perf_counter() - start < 1.0:
        np.matmul(opa, opb, out=out)
        calls += 1
    batch = max(1, int(0.2 / ((time.perf_counter() - start) / calls)))
    rates = []
    for _ in range(reps):
        t0 = time.perf_counter()
        for _ in range(batch):
            np.matmul(opa, opb, out=out)
        rates.append(2.0 * m * n * k * batch / (time.perf_counter() - t0) / 1e9)
    return max(rates)

threads, reps = sys.argv[2], int(sys.argv[3])
for line in open(sys.argv[1]):
    match = re.match(r"gemm (.*) threads=(\d+) gflops=([\d.]+)", line)
    if not match or match.group(2) != threads:
        continue
    label, ours = match.group(1), float(match.group(3))
    fields = dict(part.split("=") for part in label.split())
    n = int(fields["n"])
    m, k, form = int(fields.get("m", n)), int(fields.get("k", n)), fields.get("form", "nn")
    theirs = measure(m, n, k, form, reps)
    print(f"{label:<34} threads={threads}  dendrite={ours:7.1f}  numpy={theirs:7.1f}  ratio={ours / theirs:5.2f}")
'

echo
echo "# numpy $(python3 -c 'import numpy; print(numpy.__version__)') for reference; ratio = Dendrite / numpy GFLOP/s (best of $reps)"
for count in ${threads//,/ }; do
  # OpenBLAS reads its thread count when numpy is imported, so each count needs its own process.
  OPENBLAS_NUM_THREADS="$count" OMP_NUM_THREADS="$count" MKL_NUM_THREADS="$count" \
    python3 -c "$python_script" "$dendrite_out" "$count" "$reps"
done
