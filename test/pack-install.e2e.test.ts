import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// What a user gets from npm: every publishable package, packed as `pnpm publish` would pack it, is
// installed with npm into a scratch app outside the workspace (so nothing resolves from the repo's
// node_modules), beside the peers at the versions the workspace pins. Each entry point of each
// tarball then loads there with `import` and with `require`, and both give the same named exports,
// the ones the workspace's own build gives, and their declarations type-check for an ESM and a CJS
// consumer with the same names.
const root = join(import.meta.dirname, '..');
const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const packages = readdirSync(join(root, 'packages'))
  .map((dir) => ({
    dir: join(root, 'packages', dir),
    manifest: JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')),
  }))
  .filter(({ manifest }) => manifest.private !== true);

/** The entry points of a package: its "exports" subpaths, less package.json. */
function entryPoints(manifest: { name: string; exports: Record<string, unknown> }): string[] {
  return Object.keys(manifest.exports)
    .filter((subpath) => subpath !== './package.json')
    .map((subpath) => (subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`));
}
const entries = packages.flatMap(({ manifest }) => entryPoints(manifest));

/** Every peer of the published packages, at the version the workspace installs (a package's pin, else the root's). */
function pinnedPeers(): string[] {
  const peers = new Map<string, string>();
  for (const { manifest } of packages) {
    for (const name of Object.keys(manifest.peerDependencies ?? {})) {
      const pin = manifest.devDependencies?.[name] ?? rootManifest.devDependencies?.[name];
      if (pin === undefined) throw new Error(`${manifest.name}: peer ${name} has no pinned version in the workspace`);
      peers.set(name, pin);
    }
  }
  return [...peers].map(([name, version]) => `${name}@${version}`).sort();
}

function registryReachable(): boolean {
  const ping = spawnSync('npm', ['ping'], { encoding: 'utf8', timeout: 20_000 });
  if (ping.status === 0) return true;
  const message = 'the npm registry is not reachable (npm ping failed); the pack-and-install e2e test cannot run';
  if (process.env.CI === 'true') throw new Error(`CI=true: ${message}\n${ping.stderr}`);
  process.stderr.write(`\n!!! SKIPPING: ${message}\n\n`);
  return false;
}

/** Named exports of each entry point, loaded with `import` or `require` by a node started in `cwd`. */
function exportNames(cwd: string, mode: 'import' | 'require', specifiers: string[]): Record<string, string[]> {
  const list = JSON.stringify(specifiers);
  const script =
    mode === 'require'
      ? `const out = {}; for (const s of ${list}) out[s] = Object.keys(require(s)).sort(); console.log(JSON.stringify(out));`
      : `(async () => { const out = {}; for (const s of ${list}) out[s] = Object.keys(await import(s)).filter((k) => k !== 'default').sort(); console.log(JSON.stringify(out)); })();`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd, encoding: 'utf8' }));
}

describe.skipIf(!registryReachable())('the packed packages, installed from their tarballs into an app outside the workspace', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'sightline-scratch-'));
  const app = join(scratch, 'app');

  beforeAll(() => {
    const unbuilt = packages.filter(({ dir }) => !existsSync(join(dir, 'dist'))).map(({ manifest }) => manifest.name);
    if (unbuilt.length > 0) throw new Error(`${unbuilt.join(', ')}: no dist/, run pnpm build (pnpm test:e2e does)`);
    const tarballs = packages.map(({ dir }) => {
      const packed = execFileSync('pnpm', ['pack', '--pack-destination', scratch, '--json'], { cwd: dir, encoding: 'utf8' });
      return (JSON.parse(packed) as { filename: string }).filename;
    });
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), `${JSON.stringify({ name: 'sightline-scratch-app', private: true }, null, 2)}\n`);
    execFileSync(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        '--prefer-offline',
        '--loglevel=error',
        ...tarballs,
        ...pinnedPeers(),
        `@types/node@${rootManifest.devDependencies['@types/node']}`,
      ],
      {
        cwd: app,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
  });

  afterAll(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  it('installs each package from its tarball, not from the workspace or the registry', () => {
    const installed = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')).dependencies as Record<string, string>;
    for (const { manifest } of packages) {
      expect(installed[manifest.name], manifest.name).toMatch(/^file:.*\.tgz$/);
      const copy = JSON.parse(readFileSync(join(app, 'node_modules', manifest.name, 'package.json'), 'utf8'));
      expect(copy.version).toBe(manifest.version);
      // pnpm pack rewrote workspace:* to the version, which the installed tarball satisfies.
      for (const range of Object.values<string>(copy.dependencies ?? {})) expect(range).not.toMatch(/^workspace:/);
      expect(existsSync(join(app, 'node_modules', manifest.name, 'LICENSE')), `${manifest.name} ships its LICENSE`).toBe(true);
      expect(existsSync(join(app, 'node_modules', manifest.name, 'README.md')), `${manifest.name} ships its README`).toBe(true);
    }
    // One copy of core: the integration packages and evaluation share the app's, so its tags, runtime and evaluation hand-off are one.
    for (const { manifest } of packages.filter(({ manifest }) => manifest.dependencies?.['@sightline/core'] !== undefined)) {
      const nested = join(app, 'node_modules', ...manifest.name.split('/'), 'node_modules', '@sightline', 'core');
      expect(existsSync(nested), `${manifest.name} has a copy of core of its own`).toBe(false);
    }
  });

  it('loads every entry point with import and with require, with the same named exports as the workspace build', () => {
    expect(entries).toContain('@sightline/core/instrumentation');
    const esm = exportNames(app, 'import', entries);
    const cjs = exportNames(app, 'require', entries);
    // In the workspace each package loads itself by name (self-reference through its "exports").
    const workspace = Object.assign({}, ...packages.map(({ dir, manifest }) => exportNames(dir, 'import', entryPoints(manifest))));
    for (const entry of entries) {
      expect(esm[entry]?.length, `${entry} has named exports`).toBeGreaterThan(0);
      expect(cjs[entry], `${entry}: require and import`).toEqual(esm[entry]);
      expect(esm[entry], `${entry}: the tarball and the workspace build`).toEqual(workspace[entry]);
    }
  });

  it('type-checks every entry point for an ESM and a CJS consumer (node16 resolution), with the runtime export names', () => {
    const esm = exportNames(app, 'import', entries);
    // keyof typeof the namespace is the value exports: Record<…, true> makes the object list exactly those.
    const checks = (load: (entry: string, id: string) => string) =>
      entries
        .map((entry, index) => {
          const keys = (esm[entry] ?? []).map((name) => `${JSON.stringify(name)}: true`).join(', ');
          return `${load(entry, `e${index}`)}\nexport const k${index}: Record<keyof typeof e${index}, true> = { ${keys} };\n`;
        })
        .join('');
    writeFileSync(
      join(app, 'esm.mts'),
      checks((entry, id) => `import * as ${id} from ${JSON.stringify(entry)};`),
    );
    writeFileSync(
      join(app, 'cjs.cts'),
      checks((entry, id) => `import ${id} = require(${JSON.stringify(entry)});`),
    );
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const flags = [
      '--noEmit',
      '--strict',
      '--skipLibCheck',
      '--module',
      'node16',
      '--moduleResolution',
      'node16',
      '--target',
      'es2022',
      '--types',
      'node',
    ];
    const result = spawnSync(process.execPath, [tsc, ...flags, 'esm.mts', 'cjs.cts'], { cwd: app, encoding: 'utf8' });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it("plugs the installed evaluation package into the installed core's init, with import and with require", () => {
    const body = (core: string, evaluation: string, hook: string) =>
      `const obs = ${core}.init({ exporters: { file: false }, evaluation: ${evaluation}.evaluations({ evaluators: [${evaluation}.piiDetector()] }) });` +
      ` const on = ${hook}.isEvaluationEnabled(); obs.shutdown().then(() => console.log(JSON.stringify([on, ${hook}.isEvaluationEnabled()])));`;
    const esm = `Promise.all(['@sightline/core', '@sightline/evaluation', '@sightline/core/instrumentation'].map((s) => import(s))).then(([c, e, h]) => { ${body('c', 'e', 'h')} });`;
    const cjs = body("require('@sightline/core')", "require('@sightline/evaluation')", "require('@sightline/core/instrumentation')");
    for (const script of [esm, cjs]) {
      const out = execFileSync(process.execPath, ['-e', script], { cwd: app, encoding: 'utf8' });
      expect(JSON.parse(out)).toEqual([true, false]);
    }
  });

  it('runs the sightline bin', () => {
    const help = execFileSync(join(app, 'node_modules', '.bin', 'sightline'), ['--help'], { cwd: app, encoding: 'utf8' });
    expect(help).toMatch(/report/);
    expect(help).toMatch(/diagnose/);
  });
});
