import { diag } from '@opentelemetry/api';
import { readInternalCounter, semconv, type InitOptions, type TagSchema } from '@sightline/core';
import { afterEach, beforeEach } from 'vitest';
import { setupTestTelemetry, type TestTelemetry } from '../../../testing/src/index.js';
import { captureDiag } from './faults.js';

/** Shared by the incoming-tags tests: in-memory telemetry with a schema, and the diag lines it wrote. */
export interface IncomingTagsSession<S extends TagSchema> {
  start(options?: Omit<InitOptions<S>, 'tags'>): TestTelemetry<S>;
  /** Every diag warning so far in this test. */
  warnings(): string[];
  /** Only the warning about accepting tags with no explicit policy. */
  implicitWarnings(): string[];
}

const IMPLICIT_WARNING = /^sightline\/propagation accepted tags from a peer over the network with no incomingTags policy/;

/** Call inside a describe block (or at the top of a file); tears down after each test. */
export function useIncomingTagsSession<S extends TagSchema>(schema: S): IncomingTagsSession<S> {
  let telemetry: TestTelemetry<S> | undefined;
  let warnings: string[] = [];
  beforeEach(() => {
    warnings = captureDiag();
  });
  afterEach(async () => {
    await telemetry?.shutdown();
    telemetry = undefined;
    diag.disable();
  });
  return {
    start(options = {}) {
      telemetry = setupTestTelemetry<S>({ ...options, tags: schema } as InitOptions<S>);
      return telemetry;
    },
    warnings: () => warnings,
    implicitWarnings: () => warnings.filter((warning) => IMPLICIT_WARNING.test(warning)),
  };
}

/** `sightline.tags.rejected{sightline.reason, sightline.source=baggage[, sightline.tag.key]}` so far. */
export function rejectedFromPeers(reason: string, key?: string): number {
  return readInternalCounter(semconv.METRIC_SIGHTLINE_TAGS_REJECTED, {
    [semconv.ATTR_SIGHTLINE_REASON]: reason,
    [semconv.ATTR_SIGHTLINE_SOURCE]: semconv.SOURCE_BAGGAGE,
    ...(key === undefined ? {} : { [semconv.ATTR_SIGHTLINE_TAG_KEY]: key }),
  });
}
