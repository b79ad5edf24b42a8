import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// What each publishable package ships beside its code: the licence, a README, the metadata npm shows.
const root = join(import.meta.dirname, '..');
const repository = 'https://github.com/sightline-observability/sightline';
const publishable = readdirSync(join(root, 'packages')).filter(
  (name) => JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8')).private !== true,
);
const rootLicense = readFileSync(join(root, 'LICENSE'), 'utf8');

it('has an Apache-2.0 LICENSE at the root', () => {
  expect(rootLicense).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004/);
  expect(rootLicense).toContain('Copyright 2026 Sightline authors');
});

describe.each(publishable)('@sightline/%s', (pkg) => {
  const dir = join(root, 'packages', pkg);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));

  it('ships a copy of the root LICENSE', () => {
    expect(existsSync(join(dir, 'LICENSE')), `packages/${pkg}/LICENSE: cp LICENSE packages/${pkg}/`).toBe(true);
    expect(readFileSync(join(dir, 'LICENSE'), 'utf8') === rootLicense, `packages/${pkg}/LICENSE differs from the root one`).toBe(true);
    expect(manifest.license).toBe('Apache-2.0');
  });

  it('has a README with an install line and a link to its docs', () => {
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    expect(readme.startsWith(`# ${manifest.name}\n`)).toBe(true);
    expect(readme).toMatch(new RegExp(`npm install [^\\n]*${manifest.name.replace('/', '\\/')}`));
    expect(readme).toContain(`${repository}/blob/main/docs/`);
  });

  it('names its repository, homepage, issues and keywords', () => {
    expect(manifest.repository).toEqual({ type: 'git', url: `git+${repository}.git`, directory: `packages/${pkg}` });
    expect(manifest.homepage).toBe(`${repository}/tree/main/packages/${pkg}#readme`);
    expect(manifest.bugs).toEqual({ url: `${repository}/issues` });
    expect(manifest.keywords).toEqual(expect.arrayContaining(['opentelemetry']));
  });

  it('publishes dist, README.md and LICENSE only', () => {
    // The bin runs as ESM from dist/bin.js: its CJS build and declarations stay out of the tarball.
    const binExtras = ['!dist/bin.cjs', '!dist/bin.cjs.map', '!dist/bin.d.ts', '!dist/bin.d.cts'];
    expect(manifest.files).toEqual(['dist', ...(manifest.bin ? binExtras : []), 'README.md', 'LICENSE']);
    if (manifest.bin) expect(Object.values(manifest.bin)).toEqual(['./dist/bin.js']);
  });
});

it('versions the publishable packages as one fixed Changesets group and leaves the private ones out', () => {
  const config = JSON.parse(readFileSync(join(root, '.changeset', 'config.json'), 'utf8'));
  const workspaceDirs = ['packages', 'examples'].flatMap((parent) =>
    readdirSync(join(root, parent)).map((name) => join(root, parent, name)),
  );
  const manifests = workspaceDirs.map((dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')));
  const names = (isPrivate: boolean) =>
    manifests
      .filter((m) => (m.private === true) === isPrivate)
      .map((m) => m.name)
      .sort();
  expect(config.fixed.map((group: string[]) => [...group].sort())).toEqual([names(false)]);
  expect([...config.ignore].sort()).toEqual(names(true));
  expect(config).toMatchObject({ access: 'public', baseBranch: 'main' });
});
