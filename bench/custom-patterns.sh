#!/usr/bin/env bash
# Custom-pattern benchmark (issue 14, "user patterns at full speed"): a cold scan of the dense corpus with ten custom
# patterns in flagkeeper.yaml (one an alternation of 72 method names, calls planted in a tenth of the files they
# cover) against the same tree without them, with the Native AOT tool, commands interleaved run by run (bench/interleave.py).
# Target: the patterns cost at most 20 % over the built-in scan.
#
#   bash bench/custom-patterns.sh [--runs N] [--cli PATH] [--before PATH] [--corpus DIR]
#
# --cli PATH     time this binary instead of publishing the CLI
# --before PATH  also time this binary with the patterns (say, a build without the literal prefilter)
# --corpus DIR   a dense corpus from `Flagkeeper.Bench generate --dense true` to copy (default: generated, seed 42)
#
# The two copies live under /tmp (about 600 MB). Writes bench/results/custom-patterns.md.
set -euo pipefail

invocation="bash bench/custom-patterns.sh${*:+ $*}"
runs=5
cli=""
before=""
source_corpus=""
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --cli) cli="$(realpath "$2")"; shift 2 ;;
    --before) before="$(realpath "$2")"; shift 2 ;;
    --corpus) source_corpus="$(realpath "$2")"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

cd "$(dirname "$0")/.."
source bench/tools.sh
bench_setup custom-patterns
if [ -z "$cli" ]; then
  log "publishing the CLI (Release, Native AOT, linux-x64)"
  cli=$(publish_native_cli "$out/flagkeeper-aot")
fi
log "building the bench tool"
bench=$(publish_bench_tool "$out/bench")

with=/tmp/flagkeeper-bench-custom-with
without=/tmp/flagkeeper-bench-custom-without
rm -rf "$with" "$without"
if [ -z "$source_corpus" ]; then
  log "generating the dense corpus (seed 42)"
  "$bench" generate --out "$with" --seed 42 --files 20000 --mb 195 --dense true >"$out/generate.txt"
else
  cp -a "$source_corpus" "$with"
fi
rm -rf "$with/.flagkeeper"
planted=$("$bench" custom-patterns --corpus "$with" --seed 42 --share 0.1)
cp -a "$with" "$without"
rm "$without/flagkeeper.yaml"
log "$planted"

scan() { echo "$1 scan $2 --format json --no-cache"; }
# One checked run each: both succeed, and the planted calls are found.
"$cli" scan "$with" --format json --no-cache >"$out/with.json"
"$cli" scan "$without" --format json --no-cache >"$out/without.json"
custom=$(python3 -c "import json,sys; ids=set(sys.argv[2].split()); print(sum(u['pattern'] in ids for u in json.load(open(sys.argv[1]))['usages']))" \
  "$out/with.json" "wrappers-72 feature-gate python-flag-on go-toggles java-features kotlin-flags ruby-feature php-feature rust-flag-macro swift-flags")
log "usages found by the ten patterns: $custom"

commands=("with=$(scan "$cli" "$with")" "without=$(scan "$cli" "$without")")
[ -n "$before" ] && commands+=("before=$(scan "$before" "$with")")
python3 bench/interleave.py "$runs" "${commands[@]}" >"$out/interleaved.json"
field() { python3 -c "import json,sys; print(f\"{json.load(open(sys.argv[1]))[sys.argv[2]][sys.argv[3]]:.{sys.argv[4]}f}\")" "$out/interleaved.json" "$@"; }
w=$(field with wall 3)
wo=$(field without wall 3)
ratio=$(field without wall_ratio 2)
verdict=$(awk -v r="$ratio" 'BEGIN {print (r <= 1.20) ? "PASS" : "MISS"}')
{
  echo "# Custom-pattern benchmark (issue 14)"
  echo
  echo "Run \`$invocation\` at commit \`$(git rev-parse --short HEAD 2>/dev/null || echo unknown)\`; Native AOT (linux-x64)."
  echo "Machine: $(nproc) cores, $(machine_cpu); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "Corpus: the dense corpus (seed 42) with ten custom patterns in flagkeeper.yaml ($planted); $custom usages found by them."
  echo "Whole process, cold (\`scan DIR --format json --no-cache\`): medians of $runs runs after one warm-up, the commands"
  echo "interleaved (bench/interleave.py), ratios the median of the rounds'."
  echo
  echo "| run | wall s | CPU s |"
  echo "| --- | ---: | ---: |"
  echo "| with the ten patterns | $w | $(field with cpu 2) |"
  echo "| without them (same tree) | $wo | $(field without cpu 2) |"
  [ -n "$before" ] && echo "| before (\`--before\`), with the patterns | $(field before wall 3) | $(field before cpu 2) |"
  echo
  echo "Cost of the patterns: **${ratio}x** wall, $(field without cpu_ratio 2)x CPU, the built-in scan (target <= 1.20x: $verdict)."
  [ -n "$before" ] && echo "This build against \`--before\`, both with the patterns: $(field before wall_ratio 2)x wall, $(field before cpu_ratio 2)x CPU."
} >"$repo/bench/results/custom-patterns.md"
cat "$repo/bench/results/custom-patterns.md"
