#!/usr/bin/env bash
# Refreshes compat/otel-3/pnpm-lock.yaml, the lockfile of the 3.x-line variant that run.sh installs.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
node "$here/variant.mjs" "$work"
rm -f "$work/pnpm-lock.yaml"
(cd "$work" && pnpm install --lockfile-only --reporter=append-only >/dev/null)
cp "$work/pnpm-lock.yaml" "$here/pnpm-lock.yaml"
echo "wrote $here/pnpm-lock.yaml"
