#!/usr/bin/env bash
# Registry benchmark (issue "Trust under pressure", registry size): every `flagkeeper flags` command, whole
# process, on a seeded 10,000-flag registry (about 3.4 MB) and a 70,000-flag one (about 7.8 MB, just under the
# 8 MiB file limit), with the Native AOT tool. Wall time from hyperfine (median), peak RSS from GNU time.
#
#   bash bench/registry.sh [--runs N] [--cli PATH] [--before PATH] [--regen] [--sizes "10000 70000"]
#
# --cli PATH     time this binary instead of publishing the CLI (Release, Native AOT, linux-x64)
# --before PATH  also time this binary (say, a build of the previous commit), side by side in each hyperfine
#                run, so both see the same machine load
# --runs N       timed runs per command and binary for the 10,000-flag registry (default 10; the 70,000-flag
#                one gets a third of them, at least 3)
#
# Writes the summary to bench/results/registry.md; raw outputs go to bench/.out/registry/.
set -euo pipefail

invocation="bash bench/registry.sh${*:+ $*}"
runs=10
cli=""
before=""
regen=0
sizes="10000 70000"
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --cli) cli="$(realpath "$2")"; shift 2 ;;
    --before) before="$(realpath "$2")"; shift 2 ;;
    --regen) regen=1; shift ;;
    --sizes) sizes="$2"; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

cd "$(dirname "$0")/.."
repo=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log() { echo "[registry-bench] $*" >&2; }

source bench/tools.sh
require_tools hyperfine=hyperfine /usr/bin/time=time

out="$repo/bench/.out"
run="$out/registry"
mkdir -p "$run" "$repo/bench/results"
if [ -z "$cli" ]; then
  log "publishing the CLI (Release, Native AOT, linux-x64)"
  cli=$(publish_native_cli "$out/flagkeeper-aot")
fi
log "building the bench tool"
bench=$(publish_bench_tool "$out/bench")

builds=(after)
declare -A binary=([after]="$cli")
if [ -n "$before" ]; then
  builds=(before after)
  binary[before]="$before"
fi

median() { sort -g | awk '{v[NR]=$1} END {if (NR == 0) {print 0} else if (NR % 2) {print v[(NR+1)/2]} else {print (v[NR/2]+v[NR/2+1])/2}}'; }
verdict() { awk -v v="$1" -v t="$2" 'BEGIN {print (v <= t) ? "PASS" : "MISS"}'; }

rows=()
for size in $sizes; do
  registry="$repo/bench/.registry/r$size"
  source_file="$registry.flags.yaml"
  compact=false
  [ "$size" -gt 20000 ] && compact=true
  if [ "$regen" -eq 1 ] || [ ! -f "$source_file" ] || [ ! -f "$registry.keys" ]; then
    log "generating a $size-flag registry (seed 42, compact=$compact)"
    mkdir -p "$registry"
    "$bench" registry --out "$source_file" --flags "$size" --seed 42 --compact "$compact" >"$registry.keys"
  fi
  # flags=N bytes=B first=K middle=K last=K on=K off=K
  declare -A key=()
  for pair in $(cat "$registry.keys"); do key[${pair%%=*}]="${pair#*=}"; done
  bytes=${key[bytes]}
  size_runs=$runs
  [ "$size" -gt 20000 ] && size_runs=$(( runs / 3 > 3 ? runs / 3 : 3 ))
  cp "$source_file" "$registry/flags.yaml"

  # name|arguments (the registry folder is $dir; {} edits change the file, which is restored before every run)
  commands=(
    "list (table)|flags list \$dir"
    "list --format json|flags list \$dir --format json"
    "show KEY|flags show ${key[middle]} -C \$dir"
    "validate|flags validate \$dir"
    "add|flags add bench-new-flag --owner bench-team --type operational --description Bench -C \$dir"
    "enable KEY|flags enable ${key[off]} -C \$dir"
    "disable KEY|flags disable ${key[on]} -C \$dir"
    "rollout KEY 42|flags rollout ${key[middle]} 42 -C \$dir"
    "rollout KEY 42 --env staging|flags rollout ${key[middle]} 42 --env staging -C \$dir"
    "kill KEY|flags kill ${key[on]} -C \$dir"
    "remove KEY|flags remove ${key[last]} -C \$dir"
    "target KEY --user|flags target ${key[middle]} --user bench-user -C \$dir"
    "eval KEY --user --env|flags eval ${key[middle]} --user user-123 --env production -C \$dir"
    "kill --all --yes|flags kill --all --yes -C \$dir"
  )
  for entry in "${commands[@]}"; do
    name="${entry%%|*}"
    args="${entry#*|}"
    args="${args//\$dir/$registry}"
    slug="r$size-$(tr -c 'a-z0-9\n' '-' <<<"$name" | tr -s '-')"
    log "$size flags: $name"
    hyperfine_args=()
    declare -A rss=()
    for build in "${builds[@]}"; do
      # One checked run: the command must succeed (an edit must change the file), and gives the peak RSS.
      cp "$source_file" "$registry/flags.yaml"
      /usr/bin/time -f '%M' -o "$run/$slug-$build.rss" ${binary[$build]} $args >"$run/$slug-$build.out" 2>"$run/$slug-$build.err" \
        || { echo "$name failed with ${binary[$build]}:" >&2; cat "$run/$slug-$build.err" >&2; exit 1; }
      if [[ "$args" != flags\ list* && "$args" != flags\ show* && "$args" != flags\ validate* && "$args" != flags\ eval* ]] && cmp -s "$source_file" "$registry/flags.yaml"; then
        echo "$name did not change the registry with ${binary[$build]}" >&2; exit 1
      fi
      cp "$registry/flags.yaml" "$run/$slug-$build.yaml"
      rss[$build]=$(awk '{printf "%.0f", $1*1024/1e6}' "$run/$slug-$build.rss")
      hyperfine_args+=(-n "$build" "${binary[$build]} $args")
    done
    if [ -n "$before" ] && ! cmp -s "$run/$slug-before.yaml" "$run/$slug-after.yaml"; then
      # kill changed meaning on purpose (a kill switch is engaged, not turned off); any other difference is a bug.
      if [[ "$args" == flags\ kill* ]]; then
        log "$name: the two builds wrote different registries (kill's safe states changed); timing both anyway"
      else
        echo "$name: the two builds wrote different registries (see $run/$slug-*.yaml)" >&2; exit 1
      fi
    fi
    # The copy is flushed before each timed run: otherwise the edit's own fsync (a journal commit) pays for writing
    # out the benchmark's copy, about 50 ms that no user sees.
    hyperfine -N --warmup 1 --runs "$size_runs" --prepare "sh -c 'cp $source_file $registry/flags.yaml && sync $registry/flags.yaml'" \
      --export-json "$run/$slug.json" "${hyperfine_args[@]}" >"$run/$slug.hyperfine.txt" 2>&1 \
      || { cat "$run/$slug.hyperfine.txt" >&2; exit 1; }
    row="| $name | $size |"
    for build in "${builds[@]}"; do
      ms=$(python3 -c "import json,sys; r=[x for x in json.load(open(sys.argv[1]))['results'] if x['command']==sys.argv[2]][0]; print(f\"{r['median']*1000:.0f}\")" "$run/$slug.json" "$build")
      row+=" $ms | ${rss[$build]} |"
      [ "$build" = after ] && [ "$size" -eq 10000 ] && row+=" $(verdict "$ms" 150) / $(verdict "${rss[$build]}" 100) |"
      [ "$build" = after ] && [ "$size" -ne 10000 ] && row+=" |"
    done
    rows+=("$row")
  done
  cp "$source_file" "$registry/flags.yaml"
  sizes_line+="$size flags: $(awk -v b="$bytes" 'BEGIN {printf "%.1f MB", b/1e6}') (\`bench/.registry/r$size.flags.yaml\`); "
done

{
  echo "# Registry benchmark"
  echo
  echo "Run \`$invocation\` at commit \`$(git rev-parse --short HEAD 2>/dev/null || echo unknown)\`$( [ -n "$(git status --porcelain -- src 2>/dev/null)" ] && echo ' (src has uncommitted changes)')."
  echo "CLI build: Release, Native AOT (linux-x64)."
  echo "Machine: $(nproc) cores, $(machine_cpu), $(awk '/MemTotal/ {printf "%.0f GB", $2/1e6}' /proc/meminfo) RAM; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "Registries (seed 42): ${sizes_line%; }."
  echo "Whole process, page cache warm; wall = hyperfine -N median ($runs runs at 10,000 flags, fewer at 70,000, one warm-up; edits restore the file before every run); peak RSS = GNU time, one run. MB = 10^6 bytes."
  echo "Target at 10,000 flags: < 150 ms and < 100 MB for every command."
  echo
  if [ -n "$before" ]; then
    echo "| command | flags | before ms | before MB | after ms | after MB | target |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | --- |"
  else
    echo "| command | flags | ms | MB | target |"
    echo "| --- | ---: | ---: | ---: | --- |"
  fi
  printf '%s\n' "${rows[@]}"
  echo
  echo "Raw hyperfine output, command outputs and the edited registries: \`bench/.out/registry/\`."
} >"$repo/bench/results/registry.md"
cat "$repo/bench/results/registry.md"
