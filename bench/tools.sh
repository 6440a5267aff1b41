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
