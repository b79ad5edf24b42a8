import { SpanKind, type Attributes } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { deepStrictEqual } from 'node:assert/strict';

/** The expected shape of a span and, recursively, of its children. */
export interface SpanShape {
  name: string | RegExp;
  kind?: SpanKind;
  /** When given, the span's attributes must equal this object exactly. */
  attributes?: Attributes;
  /** When given, these attributes must be present with these values. */
  attributesContaining?: Attributes;
  /** When given, the children must match these shapes, in start order, and no others. */
  children?: SpanShape[];
}

const parentOf = (span: ReadableSpan): string | undefined => span.parentSpanContext?.spanId;
const byStart = (a: ReadableSpan, b: ReadableSpan) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1];

export function childrenOf(spans: readonly ReadableSpan[], parent: ReadableSpan): ReadableSpan[] {
  const id = parent.spanContext().spanId;
  return spans.filter((span) => parentOf(span) === id).sort(byStart);
}

/** Spans whose parent is not among `spans` (a local root, or the child of a remote parent). */
export function rootsOf(spans: readonly ReadableSpan[]): ReadableSpan[] {
  const ids = new Set(spans.map((span) => span.spanContext().spanId));
  return spans.filter((span) => !ids.has(parentOf(span) ?? '')).sort(byStart);
}

export function findSpan(spans: readonly ReadableSpan[], name: string | RegExp): ReadableSpan {
  const found = spans.find((span) => matchesName(span, name));
  if (!found) throw new Error(`no span named ${String(name)} in:\n${renderTree(spans)}`);
  return found;
}

/** Asserts that `child` is a direct child of `parent`, in the same trace. */
export function expectParent(child: ReadableSpan, parent: ReadableSpan): void {
  const childContext = child.spanContext();
  const parentContext = parent.spanContext();
  if (childContext.traceId !== parentContext.traceId || parentOf(child) !== parentContext.spanId) {
    throw new Error(
      `expected "${child.name}" to be a child of "${parent.name}" (${parentContext.traceId}/${parentContext.spanId}), ` +
        `but its parent is ${childContext.traceId}/${parentOf(child) ?? 'none'}`,
    );
  }
}

/**
 * Asserts that the spans form exactly the tree `shape` describes, starting at
 * the root (or roots) of `spans`. The failure message shows the whole actual tree.
 */
export function expectTree(spans: readonly ReadableSpan[], shape: SpanShape | SpanShape[]): void {
  const expected = Array.isArray(shape) ? shape : [shape];
  try {
    matchLevel(spans, rootsOf(spans), expected, 'root');
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${message}\n\nactual tree:\n${renderTree(spans)}`, { cause: error });
  }
}

function matchLevel(all: readonly ReadableSpan[], actual: ReadableSpan[], expected: SpanShape[], where: string): void {
  if (actual.length !== expected.length) {
    throw new Error(
      `${where}: expected ${expected.length} span(s) [${expected.map((s) => String(s.name)).join(', ')}], ` +
        `found ${actual.length} [${actual.map((s) => s.name).join(', ')}]`,
    );
  }
  expected.forEach((shape, index) => {
    const span = actual[index] as ReadableSpan;
    const path = `${where} > ${span.name}`;
    if (!matchesName(span, shape.name)) throw new Error(`${where}: expected span ${String(shape.name)}, found "${span.name}"`);
    if (shape.kind !== undefined && span.kind !== shape.kind) {
      throw new Error(`${path}: expected kind ${SpanKind[shape.kind]}, found ${SpanKind[span.kind]}`);
    }
    if (shape.attributes)
      deepStrictEqual({ ...span.attributes }, withMatchersApplied(span, shape.attributes), `${path}: attributes differ`);
    if (shape.attributesContaining) {
      const picked = Object.fromEntries(Object.keys(shape.attributesContaining).map((key) => [key, span.attributes[key]]));
      deepStrictEqual(picked, withMatchersApplied(span, shape.attributesContaining), `${path}: attributes differ`);
    }
    if (shape.children) matchLevel(all, childrenOf(all, span), shape.children, path);
  });
}

/**
 * Lets an expected value be an asymmetric matcher (vitest's `expect.stringMatching(...)`),
 * for values that are checked elsewhere but must be present, such as hashes.
 */
function withMatchersApplied(span: ReadableSpan, expected: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const resolved: Record<string, unknown> = { ...expected };
  for (const [key, value] of Object.entries(expected)) {
    const matcher = value as { asymmetricMatch?: (actual: unknown) => boolean } | null;
    if (typeof matcher?.asymmetricMatch === 'function' && matcher.asymmetricMatch(span.attributes[key]))
      resolved[key] = span.attributes[key];
  }
  return resolved;
}

function matchesName(span: ReadableSpan, name: string | RegExp): boolean {
  return typeof name === 'string' ? span.name === name : name.test(span.name);
}

/** An indented text tree of `spans`, for failure messages and debugging. */
export function renderTree(spans: readonly ReadableSpan[]): string {
  const lines: string[] = [];
  const walk = (span: ReadableSpan, depth: number): void => {
    lines.push(`${'  '.repeat(depth)}- ${span.name} [${SpanKind[span.kind]}] ${JSON.stringify(span.attributes)}`);
    for (const child of childrenOf(spans, span)) walk(child, depth + 1);
  };
  for (const root of rootsOf(spans)) walk(root, 0);
  return lines.join('\n') || '(no spans)';
}
