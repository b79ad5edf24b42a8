import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

// Every TypeScript snippet in the README and docs must be (part of) a file in
// docs/snippets/, which `pnpm typecheck` compiles, so no snippet can rot.
const root = join(import.meta.dirname, '..');
const snippetsDir = join(root, 'docs', 'snippets');
const compiled = readdirSync(snippetsDir)
  .filter((file) => file.endsWith('.ts'))
  .map((file) => readFileSync(join(snippetsDir, file), 'utf8'));
const documents = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

const blocks = documents.flatMap((doc) =>
  [...readFileSync(join(root, doc), 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((match, index) => ({
    where: `${doc} snippet #${index + 1}`,
    code: (match[1] ?? '').trim(),
  })),
);

it('finds snippets to check', () => {
  expect(blocks.length).toBeGreaterThan(0);
});

it.each(blocks)('$where is type-checked through docs/snippets', ({ code }) => {
  expect(compiled.some((file) => file.includes(code))).toBe(true);
});
