#!/usr/bin/env bash
# Scanner benchmark (issue 3): flagkeeper scan (cold and warm) against ripgrep on a seeded synthetic corpus,
# plus precision / recall against the corpus's ground truth and the end-to-end time on samples/shop.
#
#   bash bench/run.sh [--rounds N] [--regen] [--jit] [--dense] [--seed N] [--files N] [--mb N] [--tree DIR]
#
# --dense uses the dense corpus (every file planted, >= 5 usages per file; bench/.corpus-dense, --mb 195 gives ~300 MB).
#
# --tree DIR also times a cold scan against ripgrep on an existing tree (a real repository: no ground
# truth, and no warm run, so nothing is written into it).
#
# The CLI is published Native AOT by default (what the linux-x64 tool package ships); --jit benchmarks
# the framework-dependent ReadyToRun build instead (what the "any" fallback package ships).
#
# Writes the summary to bench/results/latest.md (latest-jit.md with --jit); raw outputs go to bench/.out/run/.
set -euo pipefail

invocation="bash bench/run.sh${*:+ $*}"
rounds=5
regen=0
aot=1
seed=42
files=20000
mb=210
tree=""
dense=0
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --regen) regen=1; shift ;;
    --jit) aot=0; shift ;;
    --dense) dense=1; shift ;;
    --seed) seed="$2"; shift 2 ;;
    --files) files="$2"; shift 2 ;;
    --mb) mb="$2"; shift 2 ;;
    --tree) tree="$(cd "$2" && pwd)"; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

cd "$(dirname "$0")/.."
repo=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log() { echo "[bench] $*" >&2; }

# ---- tools ----------------------------------------------------------------------------------------
source bench/tools.sh
require_tools rg=ripgrep hyperfine=hyperfine /usr/bin/time=time
command -v dotnet >/dev/null 2>&1 || { echo "the .NET SDK (dotnet) is required" >&2; exit 2; }

# ---- build (isolated artifacts path: other builds may run in the repository at the same time) ------
artifacts=/tmp/flagkeeper-bench-artifacts
out="$repo/bench/.out"
suffix=""
[ "$aot" -eq 0 ] && suffix="-jit"
run="$out/run$suffix"
summary="$repo/bench/results/latest$suffix.md"
mkdir -p "$run" "$repo/bench/results"
if [ "$aot" -eq 1 ]; then
  build="Native AOT (linux-x64)"
  cli_dir="$out/flagkeeper-aot"
  publish=(-p:PublishAot=true)
else
  build="framework-dependent, ReadyToRun (linux-x64)"
  cli_dir="$out/flagkeeper"
  # The project sets PublishAot for its tool package; this build is the JIT one, precompiled.
  publish=(--self-contained false -p:PublishAot=false -p:PublishReadyToRun=true)
fi
log "publishing the CLI (Release, $build)"
dotnet publish src/Flagkeeper.Cli -c Release -r linux-x64 "${publish[@]}" \
  --artifacts-path "$artifacts" -o "$cli_dir" -v quiet -nologo >"$run/publish.log" 2>&1 \
  || { cat "$run/publish.log" >&2; exit 1; }
log "building the bench tool"
dotnet publish bench/Flagkeeper.Bench -c Release --artifacts-path "$artifacts" -o "$out/bench" -v quiet -nologo >"$run/publish-bench.log" 2>&1 \
  || { cat "$run/publish-bench.log" >&2; exit 1; }
fk="$cli_dir/Flagkeeper.Cli"
bench="$out/bench/Flagkeeper.Bench"

# ---- corpus -----------------------------------------------------------------------------------------
corpus="$repo/bench/.corpus"
dense_args=()
[ "$dense" -eq 1 ] && { corpus="$repo/bench/.corpus-dense"; dense_args=(--dense true); }
truth="$corpus.truth.json"
fresh=0
if [ "$regen" -eq 1 ] || [ ! -d "$corpus" ] || [ ! -f "$truth" ]; then
  log "generating the corpus (seed $seed, $files files, $mb MB)"
  "$bench" generate --out "$corpus" --seed "$seed" --files "$files" --mb "$mb" "${dense_args[@]}" | tee "$run/generate.txt" >&2
  fresh=1
else
  log "reusing $corpus (pass --regen to rebuild it)"
fi
corpus_files=$(find "$corpus" -path "$corpus/.git" -prune -o -path "$corpus/.flagkeeper" -prune -o -type f -print | wc -l)
corpus_mb=$(du -sb --exclude=.git --exclude=.flagkeeper "$corpus" | awk '{printf "%.1f", $1/1e6}')
truth_count=$(grep -c '"kind"' "$truth")

mapfile -t rg_args < <("$bench" rg-args)

# ---- helpers ----------------------------------------------------------------------------------------
# timed NAME OUTFILE CMD...: runs CMD with stdout to OUTFILE under GNU time; appends "wall_s rss_kib" to $run/NAME.times.
timed() {
  local name="$1" output="$2"; shift 2
  local status=0
  /usr/bin/time -f '%e %M' -o "$run/time.tmp" "$@" >"$output" || status=$?
  # ripgrep exits 1 when nothing matched, check when it found an error; anything else is a failure.
  if [ "$status" -ne 0 ] && ! { [[ "$name" == rg* || "$name" == check* ]] && [ "$status" -eq 1 ]; }; then
    echo "$name failed with exit code $status: $*" >&2
    exit 1
  fi
  tail -n 1 "$run/time.tmp" >>"$run/$name.times"
}
median() { sort -g | awk '{v[NR]=$1} END {if (NR == 0) {print 0} else if (NR % 2) {print v[(NR+1)/2]} else {print (v[NR/2]+v[NR/2+1])/2}}'; }
wall_ms() { awk '{print $1*1000}' "$run/$1.times" | median; }
rss_mb() { awk '{print $2*1024/1e6}' "$run/$1.times" | sort -g | tail -n 1; }
duration_ms() { tail -c 4096 "$1" | tr -d ' \n' | grep -o '"durationMs":[0-9.]*' | head -n 1 | cut -d: -f2; }
cache_stats() { tail -c 4096 "$1" | tr -d ' \n' | grep -o '"cache":{"hits":[0-9]*,"misses":[0-9]*' | sed 's/"cache":{"hits":/hits /; s/,"misses":/ misses /'; }
verdict() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN {ok = (op == "le") ? (v <= t) : (v >= t); print ok ? "PASS" : "MISS"}'; }
fmt() { awk -v v="$1" -v d="${2:-0}" 'BEGIN {printf "%.*f", d, v}'; }

scan_cold=("$fk" scan "$corpus" --format json --no-cache)
scan_warm=("$fk" scan "$corpus" --format json)
rg_cmd=(rg "${rg_args[@]}" "$corpus")
# The flag-lint gate on the same tree: the scan plus registry rules, resolution and a finding per usage site.
check_cold=("$fk" check "$corpus" --gate flag-lint --today 2026-11-28 --format json --no-cache --no-baseline)
check_warm=("$fk" check "$corpus" --gate flag-lint --today 2026-11-28 --format json --no-baseline)

# ---- warm-up: page cache, then prime the scan cache ---------------------------------------------------
rm -f "$run"/*.times
log "untimed pass of each (page cache)"
"${scan_cold[@]}" >"$run/cold.json"
rg "${rg_args[@]}" "$corpus" >"$run/rg.txt" || [ $? -eq 1 ]
# Files modified within two seconds of a scan are cached as "racy" and re-hashed next time: let them age.
[ "$fresh" -eq 1 ] && sleep 3
rm -rf "$corpus/.flagkeeper"
log "priming the scan cache"
"${scan_warm[@]}" >"$run/warm-prime.json"

# ---- rounds -----------------------------------------------------------------------------------------
for i in $(seq 1 "$rounds"); do
  log "round $i/$rounds"
  timed cold "$run/cold.json" "${scan_cold[@]}"
  timed warm "$run/warm.json" "${scan_warm[@]}"
  timed rg "$run/rg.txt" "${rg_cmd[@]}"
  timed check-cold "$run/check-cold.json" "${check_cold[@]}"
  timed check-warm "$run/check-warm.json" "${check_warm[@]}"
done

cold_ms=$(wall_ms cold); warm_ms=$(wall_ms warm); rg_ms=$(wall_ms rg)
cold_mb=$(rss_mb cold); warm_mb=$(rss_mb warm); rg_mb=$(rss_mb rg)
cold_ratio=$(awk -v a="$cold_ms" -v b="$rg_ms" 'BEGIN {printf "%.2f", a/b}')
warm_ratio=$(awk -v a="$warm_ms" -v b="$rg_ms" 'BEGIN {printf "%.2f", a/b}')
peak_mb=$(awk -v a="$cold_mb" -v b="$warm_mb" 'BEGIN {print (a > b ? a : b)}')
warm_cache=$(cache_stats "$run/warm.json")
check_cold_ms=$(wall_ms check-cold); check_warm_ms=$(wall_ms check-warm)
check_cold_ratio=$(awk -v a="$check_cold_ms" -v b="$rg_ms" 'BEGIN {printf "%.2f", a/b}')
check_warm_ratio=$(awk -v a="$check_warm_ms" -v b="$rg_ms" 'BEGIN {printf "%.2f", a/b}')
check_findings=$(grep -o '"rule":' "$run/check-cold.json" | wc -l)
cold_inproc=$(duration_ms "$run/cold.json"); warm_inproc=$(duration_ms "$run/warm.json")

log "evaluating the cold output against the ground truth"
"$bench" evaluate --truth "$truth" --scan "$run/cold.json" --samples 20 >"$run/evaluate.txt"
result=$(grep '^RESULT' "$run/evaluate.txt")
precision=$(sed 's/.*precision=\([0-9.]*\).*/\1/' <<<"$result")
recall=$(sed 's/.*recall=\([0-9.]*\).*/\1/' <<<"$result")

tree_section=""
if [ -n "$tree" ]; then
  log "extra tree $tree: cold scan and ripgrep"
  "$fk" scan "$tree" --format json --no-cache >"$run/tree.json"
  rg "${rg_args[@]}" "$tree" >"$run/rg-tree.txt" || [ $? -eq 1 ]
  for i in $(seq 1 "$rounds"); do
    timed tree "$run/tree.json" "$fk" scan "$tree" --format json --no-cache
    timed rg-tree "$run/rg-tree.txt" rg "${rg_args[@]}" "$tree"
  done
  tree_ms=$(wall_ms tree); tree_rg_ms=$(wall_ms rg-tree)
  tree_ratio=$(awk -v a="$tree_ms" -v b="$tree_rg_ms" 'BEGIN {printf "%.2f", a/b}')
  tree_stats=$(tail -c 4096 "$run/tree.json" | tr -d ' \n' | grep -o '"filesScanned":[0-9]*\|"bytesScanned":[0-9]*' | cut -d: -f2 | paste -sd' ')
  tree_usages=$(grep -o '"kind":' "$run/tree.json" | wc -l)
  tree_section="| cold on \`$tree\` ($(awk '{printf "%d files, %.0f MB", $1, $2/1e6}' <<<"$tree_stats"), $tree_usages usages; rg lines: $(wc -l <"$run/rg-tree.txt")) | $(fmt "$tree_ms") / rg $(fmt "$tree_rg_ms") | $(fmt "$(rss_mb tree)" 1) | ${tree_ratio}x | <= 1.0x rg | $(verdict "$tree_ratio" 1.0 le) |"
fi

log "samples/shop end to end (hyperfine)"
hyperfine -N --warmup 3 --runs 20 --export-csv "$run/shop.csv" --export-json "$run/shop.json" \
  "$fk scan samples/shop --no-cache" >"$run/hyperfine.txt" 2>&1
shop_ms=$(awk -F, 'NR == 2 {printf "%.1f", $4*1000}' "$run/shop.csv")
# Every gate, git included (HEAD of this repository, limited to samples/shop); -i: check exits 1 on the sample's problems.
hyperfine -N -i --warmup 3 --runs 20 --export-csv "$run/shop-check.csv" \
  "$fk check samples/shop --no-cache" >>"$run/hyperfine.txt" 2>&1
shop_check_ms=$(awk -F, 'NR == 2 {printf "%.1f", $4*1000}' "$run/shop-check.csv")


{
  echo "# Scanner benchmark"
  echo
  echo "Run \`$invocation\` at commit \`$(git rev-parse --short HEAD 2>/dev/null || echo unknown)\`$( [ -n "$(git status --porcelain -- src 2>/dev/null)" ] && echo ' (src has uncommitted changes)')."
  echo "CLI build: Release, $build."
  echo "Machine: $(nproc) cores, $(machine_cpu), $(awk '/MemTotal/ {printf "%.0f GB", $2/1e6}' /proc/meminfo) RAM; .NET $(dotnet --version); $(rg --version | head -n 1)."
  echo "Corpus: \`bench/.corpus\` (seed $seed), $corpus_files files, $corpus_mb MB, $truth_count expected usages; page cache warm; $rounds interleaved rounds, medians."
  echo
  echo "| run | median wall ms | peak RSS MB | vs rg | target | result |"
  echo "| --- | ---: | ---: | ---: | --- | --- |"
  echo "| cold: \`flagkeeper scan --format json --no-cache\` (in-process ${cold_inproc} ms) | $(fmt "$cold_ms") | $(fmt "$cold_mb" 1) | ${cold_ratio}x | <= 1.0x rg | $(verdict "$cold_ratio" 1.0 le) |"
  echo "| warm: \`flagkeeper scan --format json\` (in-process ${warm_inproc} ms; cache $warm_cache) | $(fmt "$warm_ms") | $(fmt "$warm_mb" 1) | ${warm_ratio}x | <= 0.2x rg | $(verdict "$warm_ratio" 0.2 le) |"
  echo "| ripgrep, equivalent patterns, ASCII, -j2 | $(fmt "$rg_ms") | $(fmt "$rg_mb" 1) | 1.00x | | |"
  echo "| cold: \`flagkeeper check --gate flag-lint --format json --no-cache\` ($check_findings findings) | $(fmt "$check_cold_ms") | $(fmt "$(rss_mb check-cold)" 1) | ${check_cold_ratio}x | (scan cold + gate cost) | |"
  echo "| warm: \`flagkeeper check --gate flag-lint --format json\` | $(fmt "$check_warm_ms") | $(fmt "$(rss_mb check-warm)" 1) | ${check_warm_ratio}x | (scan warm + gate cost) | |"
  echo "| peak memory (cold, warm) | | $(fmt "$peak_mb" 1) | | <= 300 MB | $(verdict "$peak_mb" 300 le) |"
  echo "| precision (cold output vs truth) | $precision | | | = 1.0 | $(verdict "$precision" 1 ge) |"
  echo "| recall (cold output vs truth) | $recall | | | = 1.0 | $(verdict "$recall" 1 ge) |"
  echo "| \`flagkeeper scan samples/shop --no-cache\` end to end (hyperfine -N, 20 runs, median) | $shop_ms | | | <= 100 ms | $(verdict "$shop_ms" 100 le) |"
  echo "| \`flagkeeper check samples/shop --no-cache\` end to end, all four gates incl. git (hyperfine -N, 20 runs, median) | $shop_check_ms | | | | |"
  [ -n "$tree_section" ] && echo "$tree_section"
  echo
  echo "Per-round wall seconds / peak RSS KiB:"
  echo
  echo '```'
  for name in cold warm rg check-cold check-warm $( [ -n "$tree" ] && echo tree rg-tree ); do
    printf '%-5s %s\n' "$name" "$(awk '{printf "%ss/%sKiB ", $1, $2}' "$run/$name.times")"
  done
  echo '```'
  echo
  echo "Evaluation ($result):"
  echo
  echo '```'
  sed -n '1,/^first /p' "$run/evaluate.txt" | grep -v '^first ' | grep -v '^RESULT'
  echo '```'
  echo
  echo "The first 20 false positives and negatives, with their source lines: \`bench/.out/run$suffix/evaluate.txt\`."
  echo
  echo "Commands (from the repository root; \`in-process\` is the last round's \`stats.durationMs\`):"
  echo
  echo '```sh'
  echo "${scan_cold[*]/#$repo\//} > bench/.out/run$suffix/cold.json"
  echo "${scan_warm[*]/#$repo\//} > bench/.out/run$suffix/warm.json"
  echo "rg \\"
  printf "  '%s' \\\\\n" "${rg_args[@]//\'/\'\\\'\'}"
  echo "  bench/.corpus > bench/.out/run$suffix/rg.txt"
  echo "${check_cold[*]/#$repo\//} > bench/.out/run$suffix/check-cold.json"
  echo "${check_warm[*]/#$repo\//} > bench/.out/run$suffix/check-warm.json"
  echo "hyperfine -N --warmup 3 --runs 20 '${fk#$repo/} scan samples/shop --no-cache'"
  echo "hyperfine -N -i --warmup 3 --runs 20 '${fk#$repo/} check samples/shop --no-cache'"
  echo '```'

} >"$summary"
cat "$summary"
