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

# The processor, told apart beyond its often generic name: this VM runs on different hosts from day to day (AMD
# family 25 model 1, Zen 3, without AVX-512; or an x86-64-v4 one with it), and ratios against ripgrep move with them.
#   machine_cpu    e.g. "AMD EPYC (family 25, model 1; AVX2, no AVX-512)"
machine_cpu() {
  local name family model flags
  name=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
  family=$(grep -m1 'cpu family' /proc/cpuinfo | cut -d: -f2 | tr -d ' ')
  model=$(grep -m1 '^model[[:space:]]*:' /proc/cpuinfo | cut -d: -f2 | tr -d ' ')
  flags=$(grep -m1 '^flags' /proc/cpuinfo)
  echo "$name (family $family, model $model; $([[ $flags == *" avx2"* ]] && echo AVX2 || echo "no AVX2"), $([[ $flags == *" avx512f"* ]] && echo AVX-512 || echo "no AVX-512"))"
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
