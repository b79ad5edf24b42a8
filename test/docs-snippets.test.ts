import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

// Every TypeScript snippet in the README, the packages' READMEs and docs must be (part of) a file in
// docs/snippets/, which `pnpm typecheck` compiles, so no snippet can rot.
const root = join(import.meta.dirname, '..');
const snippetsDir = join(root, 'docs', 'snippets');
// test/types/ holds type tests that need a program of their own (module augmentation); typecheck compiles them too.
const typeTestsDir = join(root, 'test', 'types');
const compiled = [snippetsDir, typeTestsDir].flatMap((dir) =>
  readdirSync(dir)
    .filter((file) => file.endsWith('.ts'))
    .map((file) => readFileSync(join(dir, file), 'utf8')),
);
const packageReadmes = readdirSync(join(root, 'packages'))
  .map((name) => `packages/${name}/README.md`)
  .filter((doc) => existsSync(join(root, doc)));
const documents = [
  'README.md',
  ...packageReadmes,
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const texts = documents.map((doc) => ({ doc, text: readFileSync(join(root, doc), 'utf8') }));

const blocks = texts.flatMap(({ doc, text }) =>
  [...text.matchAll(/^```ts\n([\s\S]*?)^```/gm)].map((match, index) => ({
    where: `${doc} snippet #${index + 1}`,
    code: (match[1] ?? '').trim(),
  })),
);

// A fence such as ```ts unchecked, ```typescript, ```tsx or an indented ```ts would not be matched
// above and so would escape the check: only a bare ```ts at the start of a line may hold TypeScript.
const escapingFences = texts.flatMap(({ doc, text }) =>
  text
    .split('\n')
    .map((line, index) => ({ line: line.trimEnd(), where: `${doc}:${index + 1}` }))
    .filter(({ line }) => /^\s*```+\s*(ts|tsx|typescript|mts|cts)\b/i.test(line) && line !== '```ts')
    .map(({ line, where }) => `${where}: ${line}`),
);

it('finds snippets to check', () => {
  expect(blocks.length).toBeGreaterThan(0);
});

it('scans the README of every publishable package', () => {
  const publishable = readdirSync(join(root, 'packages')).filter(
    (name) => JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8')).private !== true,
  );
  expect(publishable.length).toBeGreaterThan(0);
  expect(publishable.map((name) => `packages/${name}/README.md`).filter((doc) => !packageReadmes.includes(doc))).toEqual([]);
});

it('has no TypeScript fence that escapes the check (use a bare ```ts)', () => {
  expect(escapingFences).toEqual([]);
});

it.each(blocks)('$where is type-checked through docs/snippets', ({ code }) => {
  expect(compiled.some((file) => file.includes(code))).toBe(true);
});
