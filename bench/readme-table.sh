#!/usr/bin/env bash
# The README's performance table: runs `dendrite bench all` (SGEMM, the MLP epoch with SGD and
# Adam, one-sample inference, the small network's step and the CNN, on each thread count) and,
# when python3 with numpy is on
# the machine, numpy and PyTorch on the same cases in the same run, then prints the Markdown table
# with `dendrite bench table`. numpy and PyTorch are reference measurements only, never dependencies.
#
# Usage: bench/readme-table.sh [--threads 1,2] [--quick] [--out DIR]
# DIR (default: a temporary folder) keeps dendrite.json and reference.json for later.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
threads="1,2"
quick=""
out=""
python="${PYTHON:-/usr/bin/python3}"
command -v "$python" >/dev/null 2>&1 || python="python3"
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) threads="$2"; shift 2 ;;
    --quick) quick="--quick"; shift ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "readme-table.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done
if [ -z "$out" ]; then
  out="$(mktemp -d)"
  trap 'rm -rf "$out"' EXIT
fi
mkdir -p "$out"
dendrite="${DENDRITE:-$root/dendrite}"
# glibc hands each large tensor PyTorch frees back to the system and maps fresh pages for the next,
# and a page fault is expensive on these VMs: PyTorch's CNN step took 9-14 s per 10 000 images
# that way, or 2.8 s when glibc keeps the memory (as it also does by chance once the process has
# freed larger blocks). The reference is PyTorch at its best, so glibc keeps its memory.
malloc_tunables="glibc.malloc.mmap_threshold=2147483647:glibc.malloc.trim_threshold=2147483647"

"$dendrite" bench all --threads "$threads" $quick --json "$out/dendrite.json" >&2
reference=()
if command -v "$python" >/dev/null 2>&1 && "$python" -c 'import numpy' >/dev/null 2>&1; then
  rm -f "$out/reference.json"
  for count in ${threads//,/ }; do
    echo "# numpy and PyTorch on $count thread(s)" >&2
    OPENBLAS_NUM_THREADS="$count" OMP_NUM_THREADS="$count" GLIBC_TUNABLES="$malloc_tunables" \
      "$python" "$root/bench/reference.py" "$out/dendrite.json" "$count" "$out/reference.json" $quick
  done
  reference=(--reference "$out/reference.json")
else
  echo "readme-table.sh: python3 with numpy not found; the table has no reference column." >&2
fi
"$dendrite" bench table --json "$out/dendrite.json" "${reference[@]}"
