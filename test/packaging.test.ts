import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const packages = readdirSync(join(root, 'packages')).filter((name) => {
  const manifest = JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8'));
  return manifest.exports?.['.'] !== undefined;
});

function exportNames(dir: string, name: string, mode: 'import' | 'require'): string[] {
  const script =
    mode === 'require'
      ? `console.log(JSON.stringify(Object.keys(require(${JSON.stringify(name)})).sort()))`
      : `import(${JSON.stringify(name)}).then((m) => console.log(JSON.stringify(Object.keys(m).filter((k) => k !== 'default').sort())))`;
  // Self-reference by package name resolves through the package's own "exports" map.
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8' }));
}

describe.each(packages)('@sightline/%s build', (pkg) => {
  const dir = join(root, 'packages', pkg);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));

  it('ships ESM, CJS and declarations for both', () => {
    for (const file of ['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts']) {
      expect(existsSync(join(dir, file)), `${pkg}/${file} is missing: run pnpm build`).toBe(true);
    }
  });

  it('is importable both ways with the same named exports', () => {
    const esm = exportNames(dir, manifest.name, 'import');
    const cjs = exportNames(dir, manifest.name, 'require');
    expect(cjs).toEqual(esm);
  });
});

// compat/otel-3/run.sh runs this suite on a copy of the repo repinned to the 3.x line.
const variant = JSON.parse(readFileSync(join(root, 'compat', 'otel-3', 'versions.json'), 'utf8')) as {
  pins: Record<string, string>;
  absent: string[];
};
const onLine3 = process.env.SIGHTLINE_OTEL_LINE === '3';

it(`publishes OpenTelemetry ranges for both lines and pins the repo to the ${onLine3 ? '3.x' : '2.x'} line`, () => {
  const line2: Record<string, string> = {
    '@opentelemetry/api': '1.9.1',
    '@opentelemetry/sdk-trace-node': '2.12.0',
    '@opentelemetry/sdk-trace-base': '2.12.0',
    '@opentelemetry/sdk-trace': '2.12.0',
    '@opentelemetry/sdk-metrics': '2.12.0',
    '@opentelemetry/context-async-hooks': '2.12.0',
    '@opentelemetry/core': '2.12.0',
    '@opentelemetry/resources': '2.12.0',
    '@opentelemetry/sdk-logs': '0.223.0',
    '@opentelemetry/api-logs': '0.223.0',
    '@opentelemetry/otlp-transformer': '0.223.0',
  };
  const pinned = onLine3 ? variant.pins : line2;
  const exporterPin = onLine3 ? '0.301.2' : '0.223.0';
  for (const pkg of readdirSync(join(root, 'packages'))) {
    const manifest = JSON.parse(readFileSync(join(root, 'packages', pkg, 'package.json'), 'utf8'));
    const published = Object.keys(manifest.dependencies ?? {}).filter((name) => name.startsWith('@opentelemetry/'));
    expect(published, `${pkg}: OpenTelemetry belongs in peerDependencies`).toEqual([]);
    for (const [name, version] of Object.entries(manifest.devDependencies ?? {})) {
      if (onLine3) expect(variant.absent, `${pkg}: ${name} has no 3.x release`).not.toContain(name);
      if (name.startsWith('@opentelemetry/exporter-')) expect(version, `${pkg}: ${name}`).toBe(exporterPin);
      else if (name in pinned) expect(version, `${pkg}: ${name}`).toBe(pinned[name]);
    }
    const peers: Record<string, string> = manifest.peerDependencies ?? {};
    if (peers['@opentelemetry/api']) expect(peers['@opentelemetry/api']).toBe('^1.9.0');
    for (const [name, range] of Object.entries(peers)) {
      if (!name.startsWith('@opentelemetry/') || name === '@opentelemetry/api') continue;
      // Either line's packages, except those that exist on one line only.
      if (!['@opentelemetry/sdk-trace-base', '@opentelemetry/api-logs'].includes(name)) {
        expect(range, `${pkg}: ${name}`).toMatch(/^\^(2\.12|0\.223)\.0 \|\| \^(3\.1|0\.301)\.0$/);
      }
    }
  }
  // Instrumentation packages, and evaluation (built on the same entry of core), need the API alone: the SDK is the app's.
  for (const pkg of ['evaluation', 'langchain', 'mcp', 'vector', 'gpu']) {
    const manifest = JSON.parse(readFileSync(join(root, 'packages', pkg, 'package.json'), 'utf8'));
    expect(Object.keys(manifest.peerDependencies).filter((name) => name.startsWith('@opentelemetry/'))).toEqual(['@opentelemetry/api']);
  }
});
