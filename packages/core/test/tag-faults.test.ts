// Fault probes on tag input: terminal escapes in values, and code that invents tag keys without end.
import { context, diag, DiagLogLevel, trace, type DiagLogger } from '@opentelemetry/api';
import { extractTraceContext, getTags, readInternalCounter, semconv, withTags } from '@sightline/core';
import { setupTestTelemetry, type TestTelemetry } from '../../testing/src/index.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { globalSlot } from '../src/internal/global-slot.js';

let telemetry: TestTelemetry<never>;
let warnings: string[];
beforeEach(() => {
  warnings = [];
  const capture = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
  const logger: DiagLogger = { error: capture, warn: capture, info: () => {}, debug: () => {}, verbose: () => {} };
  diag.setLogger(logger, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
  telemetry = setupTestTelemetry();
  warnings.splice(0);
});
afterEach(async () => {
  await telemetry.shutdown();
  diag.disable();
});

describe('control characters in tag values', () => {
  // Without ESC (or the one-character CSI, U+009B) what is left of a sequence is plain, harmless text.
  it("are removed from code's tags before anything stamps them, with one warning", () => {
    withTags({ team: 'fin\u001b[31mance\u0007', feature: 'faq\r\u009b2J' }, () => {
      expect(getTags()).toEqual({ team: 'fin[31mance', feature: 'faq2J' });
      trace.getTracer('t').startSpan('request').end();
    });
    expect(telemetry.spans()[0]?.attributes).toMatchObject({ team: 'fin[31mance', feature: 'faq2J' });
    expect(warnings).toEqual(['sightline/tags tag "team" held control characters; they were removed']);
  });

  it('are removed from incoming baggage too', () => {
    const received = extractTraceContext({ baggage: 'team=fin%1B%5B31mance,project=%07demo' }, context.active());
    expect(context.with(received, () => getTags())).toEqual({ team: 'fin[31mance', project: 'demo' });
  });

  it('leave a value that is nothing but control characters invalid, not empty', () => {
    withTags({ team: '\u001b\u0007' }, () => expect(getTags()).toEqual({}));
    expect(
      readInternalCounter(semconv.METRIC_SIGHTLINE_TAGS_REJECTED, {
        [semconv.ATTR_SIGHTLINE_REASON]: semconv.REASON_INVALID_VALUE,
        [semconv.ATTR_SIGHTLINE_SOURCE]: semconv.SOURCE_WITH_TAGS,
        [semconv.ATTR_SIGHTLINE_TAG_KEY]: 'team',
      }),
    ).toBe(1);
  });
});

describe('unknown tag keys from code', () => {
  it('are counted every time, but warned about for the first 20 distinct keys only, holding no memory per key', () => {
    const causesBefore = globalSlot().warnedCauses.size;
    for (let index = 0; index < 200_000; index++) withTags({ [`key_${index}`]: 'x' } as never, () => undefined);
    expect(warnings).toHaveLength(21);
    expect(warnings.at(-1)).toBe(
      `sightline/tags more than 20 distinct tag keys were dropped; the rest are counted in ${semconv.METRIC_SIGHTLINE_TAGS_REJECTED} only`,
    );
    expect(globalSlot().warnedCauses.size - causesBefore).toBe(21);
    expect(
      readInternalCounter(semconv.METRIC_SIGHTLINE_TAGS_REJECTED, {
        [semconv.ATTR_SIGHTLINE_REASON]: semconv.REASON_UNKNOWN_KEY,
        [semconv.ATTR_SIGHTLINE_SOURCE]: semconv.SOURCE_WITH_TAGS,
      }),
    ).toBe(200_000);
  });
});
