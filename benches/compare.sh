#!/usr/bin/env bash
# Side-by-side full builds of the same generated glossary by glossgen and Hugo (Debian's `hugo` package, with
# the equivalent minimal templates in benches/peers/hugo), alternating, median of N runs: wall time, CPU time
# and peak resident memory from /usr/bin/time -v. Writes to disk and to a RAM disk (/dev/shm), and times a
# plain `cp -r` of the finished output as the floor.
#
#   benches/compare.sh [runs] [sizes...]      e.g. benches/compare.sh 5 1000 10000
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
shift || true
sizes=${*:-1000 10000}
command -v hugo >/dev/null || { echo "needs hugo (apt-get install hugo)"; exit 1; }
cargo build --release --quiet --example gen_corpus
cargo build --release --quiet
glossgen=$PWD/target/release/glossgen
work=$(mktemp -d)
shm=$(mktemp -d -p /dev/shm)
trap 'rm -rf "$work" "$shm"' EXIT

# Before every timed command: flush earlier writes and drop the kernel's caches (as root), the usual
# cold-cache preparation. Without it, each delete-and-rebuild cycle on this machine's disk made the next
# build's system time grow (for both tools alike), and the medians measured the history of the run.
fresh() {
  sync
  if [ -w /proc/sys/vm/drop_caches ]; then echo 3 > /proc/sys/vm/drop_caches; fi
}

measure() { # label, output file, command...
  local out=$1; shift
  /usr/bin/time -v "$@" > /dev/null 2> "$out"
}

summary() { # files... -> "wall cpu rss" medians
  python3 - "$@" <<'PY'
import re, statistics, sys
walls, cpus, rss = [], [], []
for path in sys.argv[1:]:
    text = open(path).read()
    m = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", text)
    walls.append(int(m.group(1) or 0) * 3600 + int(m.group(2)) * 60 + float(m.group(3)))
    user = float(re.search(r"User time \(seconds\): ([\d.]+)", text).group(1))
    system = float(re.search(r"System time \(seconds\): ([\d.]+)", text).group(1))
    cpus.append(user + system)
    rss.append(int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1)) / 1024)
print(f"{statistics.median(walls):.2f} {statistics.median(cpus):.2f} {statistics.median(rss):.0f}")
PY
}

echo "| concepts (pages) | target | glossgen wall / CPU / RSS | Hugo wall / CPU / RSS | glossgen ÷ Hugo (wall) | cp -r of the output |"
echo "|---|---|---|---|---|---|"
for n in $sizes; do
  "$PWD/target/release/examples/gen_corpus" --concepts "$n" --out "$work/site-$n" > /dev/null
  cp -r benches/peers/hugo "$work/hugo-$n"
  cp -r "$work/site-$n/content" "$work/hugo-$n/content"
  for target in disk ram; do
    base=$work; [ "$target" = ram ] && base=$shm
    for i in $(seq "$runs"); do
      # Each build starts from an empty output folder and cold caches, so neither tool pays for the
      # other's write-back.
      rm -rf "$base/g-$n" "$base/h-$n"; fresh
      measure "$work/g-$n-$target-$i.txt" "$glossgen" build --root "$work/site-$n" --output-dir "$base/g-$n"
      rm -rf "$base/g-$n"; fresh
      measure "$work/h-$n-$target-$i.txt" hugo --quiet --source "$work/hugo-$n" --destination "$base/h-$n"
    done
    read -r gw gc gr <<< "$(summary "$work"/g-$n-$target-*.txt)"
    read -r hw hc hr <<< "$(summary "$work"/h-$n-$target-*.txt)"
    rm -rf "$base/copy-$n" "$base/h-$n"
    "$glossgen" build --root "$work/site-$n" --output-dir "$base/g-$n" > /dev/null; fresh
    start=$(date +%s.%N); cp -r "$base/g-$n" "$base/copy-$n"; end=$(date +%s.%N)
    copy=$(python3 -c "print(f'{$end - $start:.2f}')")
    pages=$(find "$base/g-$n" -name '*.html' | wc -l)
    ratio=$(python3 -c "print(f'{$gw / $hw:.2f}')")
    echo "| $n ($pages) | $target | ${gw} s / ${gc} s / ${gr} MB | ${hw} s / ${hc} s / ${hr} MB | $ratio | ${copy} s |"
    rm -rf "$base/copy-$n" "$base/g-$n" "$base/h-$n"
  done
done
