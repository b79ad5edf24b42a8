import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace';
import { countDropped } from '../metrics/dropped.js';
import { createLogger } from '../internal/logger.js';
import { globalSlot } from '../internal/global-slot.js';
import { readTags } from '../tags/tag-context.js';
import type { TagRuntime } from '../tags/tag-runtime.js';
import { METRIC_SIGHTLINE_TELEMETRY_DROPPED, REASON_OPEN_AT_SHUTDOWN } from '../semconv.js';
import { runEndingHooks, runStartHooks } from '../spans/span-hooks.js';
import { stampMissing } from '../tags/stamp.js';

const log = createLogger('span-processor');

/**
 * Where the untagged-spike detector (alerts/untagged-spike.ts) is registered: `init` puts
 * it there unless `untaggedAlert: false`, and this processor feeds it every span.
 */
export interface UntaggedObserverSlot {
  untaggedSpikes?: { observe(untagged: boolean): void };
}

/**
 * Stamps the current tags (plus defaults or "untagged") on every span at start,
 * whoever created it. Keys the span already set explicitly are left alone.
 */
export class TagStampingSpanProcessor implements SpanProcessor {
  /** Spans started and not yet ended: one still open at shutdown is never exported, and must not vanish unseen. */
  private openSpans = 0;

  constructor(private readonly runtimeOf: () => TagRuntime | undefined) {}

  onStart(span: Span, parentContext: Context): void {
    this.openSpans++;
    try {
      const runtime = this.runtimeOf();
      if (runtime !== undefined) {
        const frame = runtime.frameFor(readTags(parentContext));
        stampMissing(runtime, frame.spans, span.attributes, span);
        globalSlot<UntaggedObserverSlot>().untaggedSpikes?.observe(!frame.tagged);
      }
    } catch (error) {
      log.warnOnce('stamp', 'could not stamp tags on a span', error);
    }
    runStartHooks(span, parentContext);
  }

  onEnding(span: Span): void {
    runEndingHooks(span);
  }

  onEnd(_span: ReadableSpan): void {
    this.openSpans--;
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    if (this.openSpans > 0) {
      countDropped('traces', REASON_OPEN_AT_SHUTDOWN, this.openSpans);
      log.warnOnce(
        'open-at-shutdown',
        `${this.openSpans} spans were still open at shutdown and will never be exported; end every span before shutdown() ` +
          `(counted in ${METRIC_SIGHTLINE_TELEMETRY_DROPPED}{sightline.reason=${REASON_OPEN_AT_SHUTDOWN}})`,
      );
      this.openSpans = 0;
    }
    return Promise.resolve();
  }
}
