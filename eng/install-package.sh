#!/usr/bin/env bash
# Installs a tool the tests need from the Debian/Ubuntu packages: install-package.sh COMMAND [PACKAGE]
# (PACKAGE defaults to COMMAND). Idempotent: does nothing when COMMAND is already on PATH. Needs root or
# password-less sudo. Run by .ci/run and, when the tool is missing, by the test fixtures that use it
# (redis-server for the Redis tests, strace for the injected read faults).
set -euo pipefail

command_name="${1:?usage: install-package.sh COMMAND [PACKAGE]}"
package="${2:-$command_name}"

if command -v "$command_name" >/dev/null 2>&1; then
  echo "$command_name already installed: $(command -v "$command_name")"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "install-package.sh: $command_name is missing and installing it needs root or password-less sudo;" >&2
  echo "install it yourself: sudo apt-get update && sudo apt-get install -y $package" >&2
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-package.sh: no apt-get here; install $package with your package manager" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# The package lists may be absent (fresh container) or stale: update only when the first try fails.
if ! "${sudo[@]}" apt-get install -y --no-install-recommends "$package"; then
  "${sudo[@]}" apt-get update
  "${sudo[@]}" apt-get install -y --no-install-recommends "$package"
fi

command -v "$command_name" >/dev/null 2>&1 || { echo "install-package.sh: $command_name still not on PATH" >&2; exit 1; }
echo "installed $package: $(command -v "$command_name")"
