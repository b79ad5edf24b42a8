import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace';
import { createLogger } from '../internal/logger.js';
import { globalSlot } from '../runtime/global-slot.js';
import { readTags, type TagRecord } from '../tags/tag-context.js';
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
        const tags = readTags(parentContext);
        stampMissing(runtime, tags, span.attributes, (attributes) => span.setAttributes(attributes), 'spans');
        globalSlot().untaggedSpikes?.observe(!hasAnyTag(tags));
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

function hasAnyTag(tags: TagRecord | undefined): boolean {
  for (const key in tags) if (Object.hasOwn(tags, key)) return true;
  return false;
}
