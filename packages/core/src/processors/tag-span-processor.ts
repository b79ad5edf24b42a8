import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { createLogger } from '../internal/logger.js';
import { readTags } from '../tags/tag-context.js';
import type { TagRuntime } from '../tags/tag-runtime.js';
import { runEndingHooks, runStartHooks } from '../spans/span-hooks.js';
import { stampMissing } from './stamp.js';

const log = createLogger('span-processor');

/**
 * Stamps the current tags (plus defaults or "untagged") on every span at start,
 * whoever created it. Keys the span already set explicitly are left alone.
 */
export class TagStampingSpanProcessor implements SpanProcessor {
  constructor(private readonly runtimeOf: () => TagRuntime | undefined) {}

  onStart(span: Span, parentContext: Context): void {
    try {
      const runtime = this.runtimeOf();
      if (runtime !== undefined) {
        stampMissing(runtime, readTags(parentContext), span.attributes, (attributes) => span.setAttributes(attributes));
      }
    } catch (error) {
      log.warnOnce('stamp', 'could not stamp tags on a span', error);
    }
    runStartHooks(span, parentContext);
  }

  onEnding(span: Span): void {
    runEndingHooks(span);
  }

  onEnd(_span: ReadableSpan): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
