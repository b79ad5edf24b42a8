import { readFileSync } from 'node:fs';
import { semconv } from '@sightline/core';
import { describe, expect, it } from 'vitest';
import { generateReference, REFERENCE_PATH, renderReference } from '../scripts/generate-reference.mjs';

describe('docs/reference.md', () => {
  const generated = generateReference();

  it('matches semconv.ts and metrics/definitions.ts', () => {
    const committed = readFileSync(REFERENCE_PATH, 'utf8');
    expect(committed, 'docs/reference.md is out of date: run node scripts/generate-reference.mjs').toBe(generated);
  });

  // The generator parses the source text; the module's own exports are the independent truth.
  it.each(Object.entries(semconv))('lists %s with its value', (name, value) => {
    const line = generated.split('\n').find((candidate) => candidate.startsWith(`| \`${name}\` |`));
    expect(line, `no row for ${name}`).toBeDefined();
    const cells = (line ?? '').split(' | ');
    const shown = Array.isArray(value)
      ? `\`[${value.map((item) => (typeof item === 'string' ? `'${item}'` : item)).join(', ')}]\``
      : `\`${value}\``;
    expect(cells[1]).toBe(shown.replace(/\|/g, '\\|'));
  });
});

describe('the generator', () => {
  const semconvSource = [
    '/**',
    ' * File header: documents the file, not the first constant.',
    ' */',
    '',
    '// ---------------------------------------------------------------- first section',
    "export const ATTR_A = 'a.one';",
    '/**',
    ' * Doc of B, over two lines',
    ' * and with a | pipe.',
    ' */',
    "export const ATTR_B = 'b.two';",
    '// a plain line comment is not documentation',
    "export const ATTR_C = 'c.three';",
    "const INTERNAL = 'not exported';",
    '',
    '// ---------------------------------------------------------------- second section',
    '/** Buckets for x. */',
    'export const X_BUCKETS = [0.5, 1, 2] as const;',
    "export const METRIC_X = 'x.duration';",
    "export const METRIC_Y = 'y.count';",
  ].join('\n');
  const definitionsSource = [
    "import * as names from '../semconv.js';",
    'export const METRICS = Object.freeze({',
    "  xDuration: histogram(names.METRIC_X, 's', 'How long x takes', names.X_BUCKETS),",
    '});',
  ].join('\n');
  const callSites = [{ path: 'packages/y/src/health.ts', text: "const D = 'Ys counted';\ncountInternal(semconv.METRIC_Y, D, {});" }];
  const reference = renderReference({ semconvSource, definitionsSource, callSites });
  const section = (title: string) => reference.split(`### ${title}\n\n`)[1]?.split('\n\n')[0]?.trimEnd().split('\n');

  it('reads doc comments, lists undocumented constants, and groups by section comment', () => {
    expect(section('first section')).toEqual([
      '| constant | value | description |',
      '|---|---|---|',
      '| `ATTR_A` | `a.one` |  |',
      '| `ATTR_B` | `b.two` | Doc of B, over two lines and with a \\| pipe. |',
      '| `ATTR_C` | `c.three` |  |',
    ]);
    expect(section('second section')).toEqual([
      '| constant | value | description |',
      '|---|---|---|',
      '| `X_BUCKETS` | `[0.5, 1, 2]` | Buckets for x. |',
      '| `METRIC_X` | `x.duration` |  |',
      '| `METRIC_Y` | `y.count` |  |',
    ]);
    expect(reference).not.toContain('File header');
    expect(reference).not.toContain('INTERNAL');
  });

  it('joins each metric to its definition or its recording call site', () => {
    expect(reference).toContain(
      '| `x.duration` | histogram (`METRICS.xDuration`) | `s` | How long x takes |  | `X_BUCKETS`: `[0.5, 1, 2]` |',
    );
    expect(reference).toContain('| `y.count` | health counter | — | Ys counted |  |  |');
  });

  it('fails loudly on a definition it cannot resolve', () => {
    const broken = definitionsSource.replace('names.X_BUCKETS', 'names.NO_SUCH_BUCKETS');
    expect(() => renderReference({ semconvSource, definitionsSource: broken })).toThrow(/cannot resolve names\.NO_SUCH_BUCKETS/);
  });
});
