#!/usr/bin/env bash
# Side-by-side full builds of the same generated glossary by glossgen, Hugo (Debian's `hugo` package, with the
# equivalent minimal templates in benches/peers/hugo) and Zola (a release binary, with the equivalent site in
# benches/peers/zola), alternating, N runs each: wall time, CPU time and peak resident memory from
# /usr/bin/time -v. Writes to disk and to a RAM disk (/dev/shm), and times a plain `cp -r` of the finished
# glossgen output as the floor.
#
#   benches/compare.sh [runs] [sizes...]      e.g. benches/compare.sh 5 1000 10000
#
# Three scenarios per tool, size and target:
#   fresh     into a new, empty folder;
#   rebuild   again into the output the tool already wrote (an edit-and-build loop);
#   after_rm  `rm -rf` of that output, then a build into the same path right away.
# Every run is a row of benches/results/builds.csv (written anew each time; CSV=path writes elsewhere); the
# tables at the end are medians.
#
# Environment: ZOLA (default /tmp/zola; unpacked from ../shared/peers/zola-*.xz beside the repository when
# missing), SKIP_BUILD=1 (use the binaries in target/release as they are, no cargo), DELETE_BETWEEN=1 (see
# `discard`), COLD_REBUILD=1 (see `timed`), AGAIN_SIZES="1000 10000" (the sizes that get the rebuild and
# after_rm scenarios; default: all). Hugo and Zola are optional: a missing one is skipped, loudly.
#
# Run it as root (to drop caches) on an otherwise idle machine, not within a few minutes of deleting a large
# folder on the same disk (see `discard`). At 10,000 concepts it keeps about 4.5 GB of outputs on disk per
# run until it ends (glossgen, Hugo, Zola and the copy), about 23 GB for 5 runs.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
runs=${1:-5}
shift || true
sizes=${*:-1000 10000}

loud() { printf '\n!!!!!!!!\n!!! %s\n!!!!!!!!\n\n' "$*" >&2; }

tools=(glossgen)
if command -v hugo >/dev/null; then
  tools+=(hugo)
else
  loud "hugo not found: Hugo is left out of this comparison (apt-get install hugo)"
fi
# Zola is not packaged for Debian; the release binary is kept, compressed, in the shared peers folder beside
# the repository.
ZOLA=${ZOLA:-/tmp/zola}
if [ ! -x "$ZOLA" ]; then
  xz_file=$(ls "$repo"/../shared/peers/zola-*.xz 2>/dev/null | sort | tail -n 1 || true)
  if [ -n "$xz_file" ]; then
    xz -dc "$xz_file" > "$ZOLA" && chmod +x "$ZOLA"
  fi
fi
if [ -x "$ZOLA" ]; then
  tools+=(zola)
else
  loud "no Zola binary at $ZOLA nor ../shared/peers/zola-*.xz: Zola is left out of this comparison"
fi

if [ -z "${SKIP_BUILD:-}" ]; then
  cargo build --release --quiet --example gen_corpus
  cargo build --release --quiet
fi
gen_corpus=$repo/target/release/examples/gen_corpus
glossgen=$repo/target/release/glossgen
for bin in "$gen_corpus" "$glossgen"; do
  [ -x "$bin" ] || { echo "missing $bin (run without SKIP_BUILD)" >&2; exit 1; }
done

work=$(mktemp -d)
shm=$(mktemp -d -p /dev/shm)
trap 'rm -rf "$work" "$shm"' EXIT
csv=${CSV:-$repo/benches/results/builds.csv}
mkdir -p "$(dirname "$csv")"
echo "tool,concepts,target,scenario,run,wall_s,cpu_s,rss_mb" > "$csv"

# Before every timed command (except rebuilds, see `timed`): flush earlier writes and drop the kernel's
# caches (as root), the usual cold-cache preparation.
cold() {
  sync
  if [ -w /proc/sys/vm/drop_caches ]; then echo 3 > /proc/sys/vm/drop_caches; fi
}

# Removes finished outputs: at once on the RAM disk, but on disk only when the script ends (or at once with
# DELETE_BETWEEN=1, the earlier procedure). This disk is ext4 without a journal, where the kernel avoids
# reusing inodes freed in the last few minutes: every folder or file created after a large delete first
# walks past the recently freed inodes of its block group, and a 10,000-concept build made right after
# deleting the previous output (120,000 inodes) spent about 2 s more in the kernel, glossgen and Hugo alike.
# That measured the delete, not the build. For the same reason all fresh builds on disk, of every size, run
# before the first delete of the run (Zola's rebuild deletes its output itself, and after_rm deletes on
# purpose).
discard() { # target, folders...
  local target=$1; shift
  if [ "$target" = ram ] || [ -n "${DELETE_BETWEEN:-}" ]; then rm -rf "$@"; fi
}

# The command line of one build, into the array `cmd`: tool, concepts, output folder, and for cp the folder
# to copy. Zola refuses an existing output folder without --force, and with it deletes the folder before
# writing (clean_site_output_folder): that is its rebuild.
command_of() {
  local tool=$1 n=$2 out=$3 from=${4:-}
  case $tool in
    glossgen) cmd=("$glossgen" build --root "$work/site-$n" --output-dir "$out") ;;
    hugo) cmd=(hugo --quiet --source "$work/hugo-$n" --destination "$out") ;;
    zola) cmd=("$ZOLA" --root "$work/zola-$n" build --output-dir "$out" --force) ;;
    cp) cmd=(cp -r "$from" "$out") ;;
  esac
}

# One timed build with cold caches, appended to the CSV: tool, concepts, target, scenario, run, output, and
# for cp the folder to copy.
timed() {
  local tool=$1 n=$2 target=$3 scenario=$4 run=$5 out=$6 from=${7:-}
  local log=$work/time-$tool-$n-$target-$scenario-$run.txt
  command_of "$tool" "$n" "$out" "$from"
  # A rebuild keeps the caches warm, as in an edit-and-build loop (and as the earlier rebuild table did):
  # with them dropped, a rebuild on disk mostly waits for the inodes of the files it overwrites or deletes
  # to be read back one by one (in one test at 1,000 concepts, Hugo 25 s and Zola 27 s of wall time against
  # 9 s of CPU). COLD_REBUILD=1 drops them anyway. Other tools' writes are flushed first either way.
  if [ "$scenario" = rebuild ] && [ -z "${COLD_REBUILD:-}" ]; then sync; else cold; fi
  # after_rm: the delete comes after the cache drop, so that the build starts right after it, as in
  # `rm -rf public && build`, with the delete's writes and freed inodes still fresh. It is not timed.
  if [ "$scenario" = after_rm ]; then rm -rf "$out"; fi
  if ! /usr/bin/time -v "${cmd[@]}" > /dev/null 2> "$log"; then
    cat "$log" >&2
    echo "$tool failed ($n concepts, $target, $scenario, run $run)" >&2
    exit 1
  fi
  python3 - "$log" "$tool,$n,$target,$scenario,$run" >> "$csv" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
m = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", text)
wall = int(m.group(1) or 0) * 3600 + int(m.group(2)) * 60 + float(m.group(3))
user = float(re.search(r"User time \(seconds\): ([\d.]+)", text).group(1))
system = float(re.search(r"System time \(seconds\): ([\d.]+)", text).group(1))
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1)) / 1024
print(f"{sys.argv[2]},{wall:.3f},{user + system:.3f},{rss:.0f}")
PY
}

base_of() { if [ "$1" = ram ]; then echo "$shm"; else echo "$work"; fi; }

# The same content for every tool: the generated glossary, a copy of its content for Hugo, and the
# conversion to Zola's layout.
for n in $sizes; do
  "$gen_corpus" --concepts "$n" --out "$work/site-$n" > /dev/null
  if [[ " ${tools[*]} " == *" hugo "* ]]; then
    cp -r benches/peers/hugo "$work/hugo-$n"
    cp -r "$work/site-$n/content" "$work/hugo-$n/content"
  fi
  if [[ " ${tools[*]} " == *" zola "* ]]; then
    python3 benches/peers/zola/convert.py "$work/site-$n" "$work/zola-$n" > /dev/null
  fi
done

# fresh: every build into a new, empty folder, the tools alternating within each run, then a cp -r of the
# glossgen output just written. The last run's outputs stay for the other two scenarios.
fresh_runs() { # concepts, target
  local n=$1 target=$2 base
  base=$(base_of "$target")
  for i in $(seq "$runs"); do
    for tool in "${tools[@]}"; do
      timed "$tool" "$n" "$target" fresh "$i" "$base/$tool-$n-$i"
    done
    timed cp "$n" "$target" fresh "$i" "$base/cp-$n-$i" "$base/glossgen-$n-$i"
    if [ "$i" = 1 ]; then find "$base/glossgen-$n-1" -name '*.html' | wc -l > "$work/pages-$n"; fi
    discard "$target" "$base/cp-$n-$i"
    if [ "$i" != "$runs" ]; then
      for tool in "${tools[@]}"; do discard "$target" "$base/$tool-$n-$i"; done
    fi
  done
}

# rebuild and after_rm, into the last fresh output of each tool.
again_runs() { # concepts, target
  local n=$1 target=$2 base
  base=$(base_of "$target")
  # One untimed build first, so the timed ones see a tool's steady state: glossgen writes over the output
  # before last, which it keeps beside the output and only has from the second build on; Hugo writes over
  # its destination; Zola deletes it and writes it anew.
  for tool in "${tools[@]}"; do
    command_of "$tool" "$n" "$base/$tool-$n-$runs"
    "${cmd[@]}" > /dev/null 2>&1
  done
  for i in $(seq "$runs"); do
    for tool in "${tools[@]}"; do
      timed "$tool" "$n" "$target" rebuild "$i" "$base/$tool-$n-$runs"
    done
  done
  # glossgen's spare copy beside the output survives an `rm -rf` of the output, as it would for a user, and
  # glossgen writes over it.
  for i in $(seq "$runs"); do
    for tool in "${tools[@]}"; do
      timed "$tool" "$n" "$target" after_rm "$i" "$base/$tool-$n-$runs"
    done
  done
  # glossgen's spare and lock beside its output go too.
  for tool in "${tools[@]}"; do discard "$target" "$base/$tool-$n-$runs" "$base/.$tool-$n-$runs".glossgen-*; done
}

for target in disk ram; do
  for n in $sizes; do fresh_runs "$n" "$target"; done
  for n in ${AGAIN_SIZES:-$sizes}; do again_runs "$n" "$target"; done
done

# Medians per tool, size, target and scenario, with the ratios of glossgen's wall time to the others'.
echo "Versions: $("$glossgen" --version 2>/dev/null | head -n 1)$(command -v hugo >/dev/null && echo ", $(hugo version | cut -d' ' -f1-2)")$([ -x "$ZOLA" ] && echo ", $("$ZOLA" --version)"). Raw runs: $csv"
python3 - "$csv" "$work" "$sizes" <<'PY'
import csv, os, statistics, sys
from collections import defaultdict

path, work, sizes = sys.argv[1], sys.argv[2], sys.argv[3].split()
runs = defaultdict(list)
for row in csv.DictReader(open(path)):
    runs[row["tool"], row["concepts"], row["target"], row["scenario"]].append(row)

def median(tool, n, target, scenario):
    rows = runs.get((tool, n, target, scenario))
    if not rows:
        return None
    return tuple(statistics.median(float(r[k]) for r in rows) for k in ("wall_s", "cpu_s", "rss_mb"))

def cell(m):
    return f"{m[0]:.2f} s / {m[1]:.2f} s / {m[2]:.0f} MB" if m else "–"

def ratio(a, b):
    return f"{a[0] / b[0]:.2f}" if a and b and b[0] else "–"

titles = {
    "fresh": "fresh: into a new, empty folder (medians, cold caches",
    "rebuild": "rebuild: again into the tool's own output (medians, "
    + ("cold caches" if os.environ.get("COLD_REBUILD") else "warm caches"),
    "after_rm": "after_rm: right after rm -rf of the output (medians, cold caches",
}
for scenario, title in titles.items():
    floor = scenario == "fresh"
    print(f"\n{title}; wall / CPU / RSS)\n")
    head = "| concepts (pages) | target | glossgen | Hugo | Zola | glossgen ÷ Hugo | glossgen ÷ Zola |"
    print(head + (" cp -r of the output | glossgen ÷ cp |" if floor else ""))
    print("|---" * (7 + 2 * floor) + "|")
    for n in sizes:
        try:
            pages = open(f"{work}/pages-{n}").read().strip()
        except OSError:
            pages = "?"
        for target in ("disk", "ram"):
            g, h, z = (median(t, n, target, scenario) for t in ("glossgen", "hugo", "zola"))
            line = f"| {n} ({pages}) | {target} | {cell(g)} | {cell(h)} | {cell(z)} | {ratio(g, h)} | {ratio(g, z)} |"
            if floor:
                c = median("cp", n, target, scenario)
                line += f" {f'{c[0]:.2f} s' if c else '–'} | {ratio(g, c)} |"
            print(line)
PY
