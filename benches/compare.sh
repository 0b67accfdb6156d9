#!/usr/bin/env bash
# Side-by-side full builds of the same generated glossary by glossgen and Hugo (Debian's `hugo` package, with
# the equivalent minimal templates in benches/peers/hugo), alternating, median of N runs: wall time, CPU time
# and peak resident memory from /usr/bin/time -v. Writes to disk and to a RAM disk (/dev/shm), and times a
# plain `cp -r` of the finished output as the floor.
#
#   benches/compare.sh [runs] [sizes...]      e.g. benches/compare.sh 5 1000 10000
#
# Run it as root (to drop caches) on an otherwise idle machine, not within a few minutes of deleting a large
# folder on the same disk (see `discard`). At 10,000 concepts it keeps about 6 GB of outputs on disk until it
# ends.
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
# cold-cache preparation.
fresh() {
  sync
  if [ -w /proc/sys/vm/drop_caches ]; then echo 3 > /proc/sys/vm/drop_caches; fi
}

# Removes finished outputs: at once on the RAM disk, but on disk only when the script ends (or at once with
# DELETE_BETWEEN=1, the earlier procedure). This disk is ext4 without a journal, where the kernel avoids
# reusing inodes freed in the last few minutes: every folder or file created after a large delete first
# walks past the recently freed inodes of its block group, and a 10,000-concept build made right after
# deleting the previous output (120,000 inodes) spent about 2 s more in the kernel, glossgen and Hugo alike.
# That measured the delete, not the build.
discard() { # target, folders...
  local target=$1; shift
  if [ "$target" = ram ] || [ -n "${DELETE_BETWEEN:-}" ]; then rm -rf "$@"; fi
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
      # Every build writes into a new, empty folder with cold caches, so neither tool pays for the other's
      # write-back. Outputs on disk are kept until the script ends (see `discard`).
      fresh
      measure "$work/g-$n-$target-$i.txt" "$glossgen" build --root "$work/site-$n" --output-dir "$base/g-$n-$i"
      discard "$target" "$base/g-$n-$i"
      fresh
      measure "$work/h-$n-$target-$i.txt" hugo --quiet --source "$work/hugo-$n" --destination "$base/h-$n-$i"
      discard "$target" "$base/h-$n-$i"
    done
    read -r gw gc gr <<< "$(summary "$work"/g-$n-$target-*.txt)"
    read -r hw hc hr <<< "$(summary "$work"/h-$n-$target-*.txt)"
    "$glossgen" build --root "$work/site-$n" --output-dir "$base/g-$n" > /dev/null; fresh
    start=$(date +%s.%N); cp -r "$base/g-$n" "$base/copy-$n"; end=$(date +%s.%N)
    copy=$(python3 -c "print(f'{$end - $start:.2f}')")
    pages=$(find "$base/g-$n" -name '*.html' | wc -l)
    ratio=$(python3 -c "print(f'{$gw / $hw:.2f}')")
    echo "| $n ($pages) | $target | ${gw} s / ${gc} s / ${gr} MB | ${hw} s / ${hc} s / ${hr} MB | $ratio | ${copy} s |"
    discard "$target" "$base/copy-$n" "$base/g-$n"
  done
done

# Rebuilds, as in an edit-and-build loop: each tool builds again into the output it wrote before (glossgen
# writes over the output before last, which it keeps beside the output; Hugo writes over its destination),
# with warm caches, on disk.
echo
echo "| concepts (rebuild on disk, warm) | glossgen wall / CPU | Hugo wall / CPU | glossgen ÷ Hugo (wall) |"
echo "|---|---|---|---|"
for n in $sizes; do
  for _ in 1 2; do "$glossgen" build --root "$work/site-$n" --output-dir "$work/rg-$n" > /dev/null; done
  hugo --quiet --source "$work/hugo-$n" --destination "$work/rh-$n" > /dev/null
  for i in $(seq "$runs"); do
    measure "$work/rg-$n-$i.txt" "$glossgen" build --root "$work/site-$n" --output-dir "$work/rg-$n"
    measure "$work/rh-$n-$i.txt" hugo --quiet --source "$work/hugo-$n" --destination "$work/rh-$n"
  done
  read -r gw gc _ <<< "$(summary "$work"/rg-$n-*.txt)"
  read -r hw hc _ <<< "$(summary "$work"/rh-$n-*.txt)"
  ratio=$(python3 -c "print(f'{$gw / $hw:.2f}')")
  echo "| $n | ${gw} s / ${gc} s | ${hw} s / ${hc} s | $ratio |"
done
