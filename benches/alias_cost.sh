#!/usr/bin/env bash
# What alias redirects cost: glossgen alone builds the generated glossary with each `alias_pages` setting
# (folders, files, none with netlify and nginx rules) in turn, fresh output, caches dropped before each
# build (run as root), on a RAM disk and on disk. Prints a CSV: setting, target, run, wall, CPU, files.
#
#   benches/alias_cost.sh [runs] [concepts]      e.g. benches/alias_cost.sh 3 10000
#
# As for compare.sh: not within a few minutes of deleting a large folder on the same disk.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
concepts=${2:-10000}
cargo build --release --quiet --example gen_corpus
cargo build --release --quiet
glossgen=$PWD/target/release/glossgen
work=$(mktemp -d)
shm=$(mktemp -d -p /dev/shm)
trap 'rm -rf "$work" "$shm"' EXIT
target/release/examples/gen_corpus --concepts "$concepts" --out "$work/site" > /dev/null
settings=(folders files none)
for s in "${settings[@]}"; do
  mkdir -p "$work/$s"
  cp -r "$work/site/content" "$work/site/i18n" "$work/$s/"
  case $s in
    folders) extra='' ;;
    files) extra='alias_pages = "files"' ;;
    none) extra=$'alias_pages = "none"\nalias_rules = ["netlify", "nginx"]' ;;
  esac
  { echo "$extra"; cat "$work/site/site.toml"; } > "$work/$s/site.toml"
done
echo "setting,target,run,wall_s,cpu_s,files"
for target in ram disk; do
  base=$work/out; [ "$target" = ram ] && base=$shm
  mkdir -p "$base"
  for run in $(seq "$runs"); do
    for s in "${settings[@]}"; do
      sync
      if [ -w /proc/sys/vm/drop_caches ]; then echo 3 > /proc/sys/vm/drop_caches; fi
      out=$base/$s-$run
      /usr/bin/time -f "%e %U %S" -o "$work/time" "$glossgen" build --root "$work/$s" --output-dir "$out" > /dev/null
      read -r wall user system < "$work/time"
      files=$(find "$out" -type f | wc -l)
      echo "$s,$target,$run,$wall,$(python3 -c "print(f'{$user + $system:.2f}')"),$files"
      # Outputs on disk stay until the end (see compare.sh on deleting large folders).
      if [ "$target" = ram ]; then rm -rf "$out" "$base/.$s-$run".glossgen-*; fi
    done
  done
done
