#!/usr/bin/env bash
# Two (or more) glossgen binaries on the same site, alternating, N runs each, into a RAM disk: the median wall
# time, CPU time (user + system) and system time of each. For telling whether a change to glossgen made a
# build faster, on a machine whose speed drifts between runs (compare ratios, never single runs).
#
#   benches/ab.sh RUNS SITE BINARY...      e.g. benches/ab.sh 5 /tmp/c10k old/glossgen target/release/glossgen
set -euo pipefail
runs=$1 site=$2
shift 2
out=/dev/shm/glossgen-ab
times=$(mktemp)
trap 'rm -rf "$out" "$times"' EXIT
for run in $(seq "$runs"); do
  for n in $(seq $#); do
    bin=${!n}
    rm -rf "$out"
    /usr/bin/time -f "$n %e %U %S" -a -o "$times" "$bin" build --root "$site" --output-dir "$out" >/dev/null
  done
done
python3 - "$times" "$@" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1]) if line[0].isdigit()]
for n, binary in enumerate(sys.argv[2:], 1):
    mine = [r for r in rows if r[0] == str(n)]
    wall = statistics.median(float(r[1]) for r in mine)
    cpu = statistics.median(float(r[2]) + float(r[3]) for r in mine)
    system = statistics.median(float(r[3]) for r in mine)
    print(f"{binary}: wall {wall:.2f} s, CPU {cpu:.2f} s, system {system:.2f} s ({len(mine)} runs)")
PY
