import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect, it } from 'vitest';

// Relative links in the README and docs must point at files that exist.
const root = join(import.meta.dirname, '..');
const documents = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

const links = documents.flatMap((doc) => {
  const prose = readFileSync(join(root, doc), 'utf8').replace(/```[\s\S]*?```/g, '');
  return [...prose.matchAll(/\[[^\]]*\]\(([^)\s]+)\)/g)]
    .map((match) => match[1] ?? '')
    .filter((target) => !/^[a-z]+:/.test(target) && !target.startsWith('#'))
    .map((target) => ({ doc, target, path: join(root, dirname(doc), target.split('#')[0] ?? '') }));
});

it('finds links to check', () => {
  expect(links.length).toBeGreaterThan(0);
});

it('has no broken relative links', () => {
  expect(links.filter(({ path }) => !existsSync(path)).map(({ doc, target }) => `${doc} → ${target}`)).toEqual([]);
});
