#!/usr/bin/env bash
# Custom-pattern benchmark (issue 14, "user patterns at full speed"): a cold scan of the dense corpus with ten custom
# patterns in flagkeeper.yaml (one an alternation of 72 method names, calls planted in a tenth of the files they
# cover) against the same tree without them, with the Native AOT tool, in one hyperfine run.
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

names=(-n with-patterns "$(scan "$cli" "$with")" -n without-patterns "$(scan "$cli" "$without")")
[ -n "$before" ] && names+=(-n before-with-patterns "$(scan "$before" "$with")")
hyperfine -N --warmup 1 --runs "$runs" --export-json "$out/hyperfine.json" "${names[@]}" >"$out/hyperfine.txt" 2>&1 \
  || { cat "$out/hyperfine.txt" >&2; exit 1; }

median() { python3 -c "import json,sys; r=[x for x in json.load(open(sys.argv[1]))['results'] if x['command']==sys.argv[2]][0]; print(f\"{r['median']:.3f}\")" "$out/hyperfine.json" "$1"; }
w=$(median with-patterns)
wo=$(median without-patterns)
ratio=$(awk -v a="$w" -v b="$wo" 'BEGIN {printf "%.2f", a/b}')
verdict=$(awk -v r="$ratio" 'BEGIN {print (r <= 1.20) ? "PASS" : "MISS"}')
{
  echo "# Custom-pattern benchmark (issue 14)"
  echo
  echo "Run \`$invocation\` at commit \`$(git rev-parse --short HEAD 2>/dev/null || echo unknown)\`; Native AOT (linux-x64)."
  echo "Machine: $(nproc) cores; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "Corpus: the dense corpus (seed 42) with ten custom patterns in flagkeeper.yaml ($planted); $custom usages found by them."
  echo "Whole process, cold (\`scan DIR --format json --no-cache\`), hyperfine -N medians of $runs runs, one warm-up."
  echo
  echo "| run | wall s |"
  echo "| --- | ---: |"
  echo "| with the ten patterns | $w |"
  echo "| without them (same tree) | $wo |"
  [ -n "$before" ] && echo "| before (\`--before\`), with the patterns | $(median before-with-patterns) |"
  echo
  echo "Cost of the patterns: **${ratio}x** the built-in scan (target <= 1.20x: $verdict)."
} >"$repo/bench/results/custom-patterns.md"
cat "$repo/bench/results/custom-patterns.md"
