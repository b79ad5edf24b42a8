import { defaultTagSchema, semconv, type InitOptions } from '@sightline/core';
import type { Attributes } from '@opentelemetry/api';
import { setupTestTelemetry, type TestTelemetry } from '@sightline/testing';

export type Telemetry = TestTelemetry<typeof defaultTagSchema>;

const UNTAGGED = semconv.UNTAGGED_VALUE;
/** The tags every test runs under, and how they are stamped on spans and metrics. */
export const TEST_TAGS = { team: 'search', feature: 'faq' } as const;
export const STAMPED_TAGS: Attributes = { project: UNTAGGED, team: 'search', cost_center: UNTAGGED, feature: 'faq', environment: 'dev' };
/** What is stamped outside any `withTags`: the default environment, the rest untagged. */
export const STAMPED_OUTSIDE_TAGS: Attributes = { ...STAMPED_TAGS, team: UNTAGGED, feature: UNTAGGED };

export function setupTelemetry(options: Pick<InitOptions, 'captureContent' | 'evaluation'> = {}): Telemetry {
  return setupTestTelemetry({ defaultTags: { environment: 'dev' }, ...options });
}
