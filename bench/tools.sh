# Sourced by the benchmark scripts: installs the command-line tools they need with apt-get when missing.
#   require_tools COMMAND=PACKAGE ...   (COMMAND is a name on PATH or an absolute path)
require_tools() {
  local missing=() pair
  for pair in "$@"; do
    if [[ "${pair%%=*}" == /* ]]; then [ -x "${pair%%=*}" ] || missing+=("${pair#*=}")
    else command -v "${pair%%=*}" >/dev/null 2>&1 || missing+=("${pair#*=}"); fi
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "[bench] installing ${missing[*]} with apt-get" >&2
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# Builds shared by the benchmark scripts (an isolated artifacts path: other builds may run in the repository at the
# same time). Each publishes into DIR, writes its log to DIR.log (printed on failure) and echoes the binary's path.
#   publish_native_cli DIR    the CLI: Release, Native AOT, linux-x64
#   publish_bench_tool DIR    bench/Flagkeeper.Bench
bench_artifacts=/tmp/flagkeeper-bench-artifacts
publish_native_cli() {
  dotnet publish src/Flagkeeper.Cli -c Release -r linux-x64 -p:PublishAot=true --artifacts-path "$bench_artifacts" \
    -o "$1" -v quiet -nologo >"$1.log" 2>&1 || { cat "$1.log" >&2; exit 1; }
  echo "$1/Flagkeeper.Cli"
}
publish_bench_tool() {
  dotnet publish bench/Flagkeeper.Bench -c Release --artifacts-path "$bench_artifacts" -o "$1" -v quiet -nologo >"$1.log" 2>&1 \
    || { cat "$1.log" >&2; exit 1; }
  echo "$1/Flagkeeper.Bench"
}

# The common start of a benchmark script, run from the repository's root after sourcing this file: the environment,
# hyperfine, log() naming the script, and out=bench/.out/NAME and bench/results created.
#   bench_setup NAME
bench_setup() {
  repo=$(pwd)
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
  eval "log() { echo \"[$1] \$*\" >&2; }"
  require_tools hyperfine=hyperfine
  out="$repo/bench/.out/$1"
  mkdir -p "$out" "$repo/bench/results"
}
