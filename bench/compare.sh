#!/usr/bin/env bash
# Runs the same GEMM cases through Dendrite and through numpy (OpenBLAS) on this machine and prints
# Dendrite's GFLOP/s as a ratio of numpy's. numpy is used here only as a reference measurement; the
# library itself never calls it.
#
# Usage: bench/compare.sh [--sizes 256,512,1024] [--shapes MxNxK[:FORM],...] [--threads 1,2] [--reps N] [--rounds N]
# Defaults: the square sizes 256, 512, 1024 and the MLP shapes (128x784 @ 784x256, its two backward
# products, 128x256 @ 256x128, 128x128 @ 128x10), on 1 and 2 threads. Each round runs every case on
# both sides; the best figure over the rounds is kept, which damps noise from other processes.
# Set DENDRITE to the command to run (default: the ./dendrite launcher); JAVA_HOME picks the JDK.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sizes="256,512,1024"
shapes="128x256x784,784x256x128:tn,128x784x256:nt,128x128x256,128x10x128"
threads="1,2"
reps=5
rounds=2
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --shapes) shapes="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --reps) reps="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "compare.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done

if ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import numpy' >/dev/null 2>&1; then
  echo "compare.sh: python3 with numpy not found; numpy is only the reference measurement, nothing to compare against." >&2
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Measures each case of Dendrite's output ($1) on $2 OpenBLAS threads; prints "label|threads|gflops".
numpy_script='
import re, sys
sys.path.insert(0, sys.argv[4])
from reference import gemm as measure  # the timing the README table uses too

threads, reps, seen = sys.argv[2], int(sys.argv[3]), set()
for line in open(sys.argv[1]):
    match = re.match(r"gemm (.*) threads=(\d+) gflops=", line)
    if not match or match.group(2) != threads or match.group(1) in seen:
        continue
    label = match.group(1)
    seen.add(label)
    fields = dict(part.split("=") for part in label.split())
    n = int(fields["n"])
    m, k, form = int(fields.get("m", n)), int(fields.get("k", n)), fields.get("form", "nn")
    print(f"{label}|{threads}|{measure(m, n, k, form, reps):.2f}", flush=True)
'

for round in $(seq 1 "$rounds"); do
  echo "# round $round of $rounds" >&2
  "${DENDRITE:-$root/dendrite}" bench gemm --sizes "$sizes" --shapes "$shapes" --threads "$threads" --reps "$reps" \
    | tee -a "$work/dendrite.txt"
  for count in ${threads//,/ }; do
    # OpenBLAS reads its thread count when numpy is imported, so each count needs its own process.
    OPENBLAS_NUM_THREADS="$count" OMP_NUM_THREADS="$count" MKL_NUM_THREADS="$count" \
      python3 -c "$numpy_script" "$work/dendrite.txt" "$count" "$reps" "$root/bench" >> "$work/numpy.txt"
  done
done

echo
echo "# numpy $(python3 -c 'import numpy; print(numpy.__version__)') for reference; ratio = Dendrite / numpy GFLOP/s (best of $rounds rounds x $reps reps)"
python3 - "$work/dendrite.txt" "$work/numpy.txt" <<'PY'
import re, sys
ours, theirs, order = {}, {}, []
for line in open(sys.argv[1]):
    match = re.match(r"gemm (.*) threads=(\d+) gflops=([\d.]+)", line)
    if match:
        key = (match.group(1), match.group(2))
        if key not in ours:
            order.append(key)
        ours[key] = max(ours.get(key, 0.0), float(match.group(3)))
for line in open(sys.argv[2]):
    label, threads, gflops = line.strip().split("|")
    theirs[(label, threads)] = max(theirs.get((label, threads), 0.0), float(gflops))
for key in sorted(order, key=lambda key: int(key[1])):
    print(f"{key[0]:<34} threads={key[1]}  dendrite={ours[key]:7.1f}  numpy={theirs[key]:7.1f}  ratio={ours[key] / theirs[key]:5.2f}")
PY
