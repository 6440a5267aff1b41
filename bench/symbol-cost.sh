#!/usr/bin/env bash
# Symbol-pass cost (issue 15: "cold scan speed does not regress by more than 10 %"): a cold scan of the dense and the
# sparse corpus with the Native AOT tool, against the same commit built without the passes issue 15 added (the symbol
# passes, the wrapper pass and the declaration index the scan keeps for them: bench/no-symbol-passes.patch, applied in
# a temporary worktree), the two builds alternating run by run (the ratio taken pair by pair: this machine's speed
# drifts within a minute).
#
#   bash bench/symbol-cost.sh [--runs N] [--with PATH] [--without PATH] [--dense DIR] [--sparse DIR]
#
# --with PATH     time this binary as the tool (default: publish HEAD)
# --without PATH  time this binary as the tool without the passes (default: publish HEAD with the patch)
# --dense DIR     the dense corpus (default: generated, seed 42); --sparse DIR: the sparse one
#
# Writes bench/results/symbol-cost.md.
set -euo pipefail

invocation="bash bench/symbol-cost.sh${*:+ $*}"
runs=10
with=""
without=""
dense=""
sparse=""
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --with) with="$(realpath "$2")"; shift 2 ;;
    --without) without="$(realpath "$2")"; shift 2 ;;
    --dense) dense="$(realpath "$2")"; shift 2 ;;
    --sparse) sparse="$(realpath "$2")"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

cd "$(dirname "$0")/.."
source bench/tools.sh
bench_setup symbol-cost
if [ -z "$with" ]; then
  log "publishing the CLI (Release, Native AOT, linux-x64)"
  with=$(publish_native_cli "$out/with")
fi
if [ -z "$without" ]; then
  log "publishing the CLI without the symbol passes (bench/no-symbol-passes.patch)"
  tree="$out/without-src"
  git worktree remove --force "$tree" 2>/dev/null || rm -rf "$tree"
  git worktree add --detach --quiet "$tree" HEAD
  git -C "$tree" apply "$repo/bench/no-symbol-passes.patch" || { log "the patch no longer applies to HEAD: update it"; exit 1; }
  # Its own artifacts path: the patched sources must never share intermediate files with the unpatched build.
  without=$(cd "$tree" && bench_artifacts=/tmp/flagkeeper-bench-artifacts-without-symbols && publish_native_cli "$out/without")
  git worktree remove --force "$tree"
fi
if [ -z "$dense" ] || [ -z "$sparse" ]; then
  log "building the bench tool"
  bench=$(publish_bench_tool "$out/bench")
  if [ -z "$dense" ]; then
    dense=/tmp/flagkeeper-bench-symbols-dense
    [ -d "$dense" ] || "$bench" generate --out "$dense" --seed 42 --files 20000 --mb 195 --dense true >/dev/null
  fi
  if [ -z "$sparse" ]; then
    sparse=/tmp/flagkeeper-bench-symbols-sparse
    [ -d "$sparse" ] || "$bench" generate --out "$sparse" --seed 42 --files 20000 --mb 210 >/dev/null
  fi
fi

# One warm-up each, then RUNS pairs, the order swapped every other pair; wall and CPU (user + system) per run.
row() {
  python3 bench/interleave.py "$runs" "with=$with scan $2 --format json --no-cache" "without=$without scan $2 --format json --no-cache" \
    | python3 -c "import json,sys; r=json.load(sys.stdin); w, wo = r['with'], r['without']; print(f\"| $1 | {w['wall']:.3f} ({w['cpu']:.2f}) | {wo['wall']:.3f} ({wo['cpu']:.2f}) | **{wo['wall_ratio']:.2f}x** | {wo['cpu_ratio']:.2f}x |\")"
}
rows=$(row dense "$dense"; row sparse "$sparse")
{
  echo "# Symbol-pass cost (issue 15)"
  echo
  echo "Run \`$invocation\` at commit \`$(git rev-parse --short HEAD 2>/dev/null || echo unknown)\`; Native AOT (linux-x64)."
  echo "Machine: $(nproc) cores, $(machine_cpu); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "Whole process, cold (\`scan DIR --format json --no-cache\`): medians of $runs runs after one warm-up, the two builds"
  echo "alternating, ratios the median of the pairs'; \"without\" is the same commit with bench/no-symbol-passes.patch (no"
  echo "symbol passes, no wrapper pass, no declaration index, no scan-time answers). Target: the passes cost at most 10 % (with/without <= 1.10x)."
  echo
  echo "| corpus | with: wall s (CPU s) | without: wall s (CPU s) | wall with/without | CPU with/without |"
  echo "| --- | ---: | ---: | ---: | ---: |"
  echo "$rows"
} >"$repo/bench/results/symbol-cost.md"
cat "$repo/bench/results/symbol-cost.md"
