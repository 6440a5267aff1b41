#!/usr/bin/env bash
# Installs redis-server (the Debian/Ubuntu package) for the tests that run a real Redis (6.0 or newer). Idempotent.
# Run by .ci/run and, when redis-server is missing, by the tests' RedisServer fixture.
set -euo pipefail
exec bash "$(dirname "$0")/../install-package.sh" redis-server redis-server
