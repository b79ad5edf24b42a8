#!/usr/bin/env node
// Packs every publishable package (`pnpm pack`, as `pnpm publish` would) into a temporary folder and
// lints each tarball with publint (warnings fail too) and @arethetypeswrong/cli (the types of every
// entry point resolve, for `import` and for `require`, under node10, node16 and bundler resolution).
// Part of `pnpm lint`; needs a built dist/ (`pnpm build`). Usage: node scripts/check-packages.mjs
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..');
const attw = join(dirname(createRequire(import.meta.url).resolve('@arethetypeswrong/cli/package.json')), 'dist', 'index.js');

const packages = readdirSync(join(root, 'packages'))
  .map((name) => ({ name, dir: join(root, 'packages', name) }))
  .filter(({ dir }) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).private !== true);

async function check({ name, dir }, dest) {
  const problems = [];
  const { stdout } = await run('pnpm', ['pack', '--pack-destination', dest, '--json'], { cwd: dir });
  const { filename } = JSON.parse(stdout);
  const tarball = readFileSync(filename);
  const lint = await publint({
    pack: { tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) },
    strict: true,
  });
  for (const message of lint.messages) {
    const text = `publint ${message.type}: ${formatMessage(message, lint.pkg, { color: false })}`;
    if (message.type === 'suggestion') console.log(`${name}: ${text}`);
    else problems.push(text);
  }
  try {
    await run(process.execPath, [attw, filename, '--format', 'ascii', '--no-color', '--no-emoji', '--no-definitely-typed'], { cwd: dest });
  } catch (error) {
    problems.push(`attw:\n${error.stdout || error.message}`);
  }
  return { name, filename, kib: statSync(filename).size / 1024, problems };
}

const unbuilt = packages.filter(({ dir }) => !existsSync(join(dir, 'dist'))).map(({ name }) => name);
if (unbuilt.length > 0) {
  console.error(`check-packages: no dist/ in ${unbuilt.join(', ')}: run pnpm build first`);
  process.exit(1);
}

const started = Date.now();
const dest = mkdtempSync(join(tmpdir(), 'sightline-pack-'));
try {
  const results = await Promise.all(packages.map((pkg) => check(pkg, dest)));
  for (const { name, filename, kib, problems } of results) {
    console.log(`${problems.length === 0 ? 'ok  ' : 'FAIL'} @sightline/${name}  ${filename.split('/').pop()}  ${kib.toFixed(1)} KiB`);
    for (const problem of problems) console.log(`     ${problem.replaceAll('\n', '\n     ')}`);
  }
  console.log(`checked ${results.length} tarballs with publint and attw in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (results.some(({ problems }) => problems.length > 0)) process.exitCode = 1;
} finally {
  rmSync(dest, { recursive: true, force: true });
}
