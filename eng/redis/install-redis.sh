#!/usr/bin/env bash
# Installs redis-server (the Debian/Ubuntu package) for the tests that run a real Redis. Idempotent: does nothing
# when redis-server is already on PATH. Needs root or password-less sudo. Run by .ci/run and, when redis-server is
# missing, by the tests' RedisServer fixture.
set -euo pipefail

if command -v redis-server >/dev/null 2>&1; then
  echo "redis-server already installed: $(command -v redis-server)"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "install-redis.sh: redis-server is missing and installing it needs root or password-less sudo;" >&2
  echo "install it yourself: sudo apt-get update && sudo apt-get install -y redis-server" >&2
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-redis.sh: no apt-get here; install redis-server (6.0 or newer) with your package manager" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# The package lists may be absent (fresh container) or stale: update only when the first try fails.
if ! "${sudo[@]}" apt-get install -y --no-install-recommends redis-server; then
  "${sudo[@]}" apt-get update
  "${sudo[@]}" apt-get install -y --no-install-recommends redis-server
fi

command -v redis-server >/dev/null 2>&1 || { echo "install-redis.sh: redis-server still not on PATH" >&2; exit 1; }
echo "installed $(redis-server --version)"
