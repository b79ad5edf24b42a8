import type { Span } from '@opentelemetry/api';
import { createLogger } from '../internal/logger.js';
import { ATTR_SIGHTLINE_CONTENT_TRUNCATED } from '../semconv.js';
import { boundedJson } from './bounded-json.js';
import { isContentCaptureEnabled } from './capture.js';

const log = createLogger('content');
const DEFAULT_MAX_LENGTH = 16_384;

export interface ContentOptions {
  /** Runs on every captured text first; a redactor that throws drops the attribute, never records raw text. */
  redactContent?: (text: string) => string;
  /** Longest JSON of one content attribute. Default 16 384 characters. */
  maxContentLength?: number;
}

/**
 * Prompt and completion capture for an integration. Off unless `init({ captureContent: true })`;
 * nothing is built or serialised otherwise. A failure to build or redact drops the attribute (fail
 * closed): it never records raw text.
 */
export class ContentRecorder {
  constructor(private readonly options: ContentOptions) {}

  get enabled(): boolean {
    return isContentCaptureEnabled();
  }

  /** Sets `key` to the JSON of `build()`'s result, built only when capture is on. */
  record(span: Span | undefined, key: string, build: () => unknown): void {
    if (span === undefined || !this.enabled) return;
    try {
      const bounded = boundedJson(build(), this.options.maxContentLength ?? DEFAULT_MAX_LENGTH);
      if (bounded === undefined) return;
      span.setAttribute(key, bounded.json);
      if (bounded.truncated) span.setAttribute(ATTR_SIGHTLINE_CONTENT_TRUNCATED, true);
    } catch (error) {
      log.warnOnce(`content:${key}`, `did not record ${key}: building or redacting it failed`, error);
    }
  }

  /** `value` through the user's redactor. */
  text(value: string): string {
    return this.options.redactContent ? this.options.redactContent(value) : value;
  }
}
