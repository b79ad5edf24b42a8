import { ROOT_CONTEXT } from '@opentelemetry/api';
import { safely } from '../internal/safely.js';
import { ALERT_KIND_UNTAGGED_SPIKE, ATTR_SIGHTLINE_UNTAGGED_SHARE, ATTR_SIGHTLINE_UNTAGGED_WINDOW_SPANS } from '../semconv.js';
import { emitAlertRecord } from './alert-record.js';

export interface UntaggedAlertOptions {
  /** Alert when more than this share (0..1) of a window's spans carry no tag from their context. Default 0.25. */
  threshold?: number;
  /** Fixed windows of this length, aligned to the epoch. Default 300 000 ms (5 minutes). */
  windowMs?: number;
  /** Spans a window needs before its share counts, so a quiet process does not alert on a handful. Default 100. */
  minSpans?: number;
}

/**
 * Raised at most once per window when the share of untagged spans passes the
 * threshold: usually a code path that lost its `withTags` (a new route, a
 * queue consumer, a timer) and is now billed to nobody.
 */
export interface UntaggedSpikeAlert {
  kind: 'untagged_spike';
  share: number;
  untaggedSpans: number;
  windowSpans: number;
  threshold: number;
  windowStart: Date;
  windowEnd: Date;
  message: string;
}

/**
 * Counts spans per fixed window, and whether each carried any tag from its
 * context; constant memory, two increments and a clock read per span.
 */
export class UntaggedSpikeDetector {
  private readonly threshold: number;
  private readonly windowMs: number;
  private readonly minSpans: number;
  private windowStart = Number.NEGATIVE_INFINITY;
  private spans = 0;
  private untagged = 0;
  private alerted = false;

  constructor(
    options: UntaggedAlertOptions,
    private readonly onAlert: ((alert: UntaggedSpikeAlert) => void) | undefined,
  ) {
    this.threshold = clamp(options.threshold ?? 0.25, 0, 1);
    this.windowMs = Math.max(1, options.windowMs ?? 300_000);
    this.minSpans = Math.max(1, Math.floor(options.minSpans ?? 100));
  }

  observe(untagged: boolean): void {
    const now = Date.now();
    if (now >= this.windowStart + this.windowMs) {
      this.windowStart = now - (now % this.windowMs);
      this.spans = 0;
      this.untagged = 0;
      this.alerted = false;
    }
    this.spans++;
    if (untagged) this.untagged++;
    if (this.alerted || this.spans < this.minSpans || this.untagged / this.spans <= this.threshold) return;
    this.alerted = true;
    this.raise();
  }

  private raise(): void {
    const share = this.untagged / this.spans;
    const percent = Math.round(share * 100);
    const alert: UntaggedSpikeAlert = {
      kind: 'untagged_spike',
      share,
      untaggedSpans: this.untagged,
      windowSpans: this.spans,
      threshold: this.threshold,
      windowStart: new Date(this.windowStart),
      windowEnd: new Date(this.windowStart + this.windowMs),
      message:
        `${percent}% of the ${this.spans} spans since ${new Date(this.windowStart).toISOString()} carry no tags ` +
        `(alert threshold ${Math.round(this.threshold * 100)}%): look for a code path outside withTags`,
    };
    // Not parented to the span that tipped it over: that span is one of many and is still starting.
    emitAlertRecord({
      kind: ALERT_KIND_UNTAGGED_SPIKE,
      severe: false,
      message: alert.message,
      attributes: { [ATTR_SIGHTLINE_UNTAGGED_SHARE]: share, [ATTR_SIGHTLINE_UNTAGGED_WINDOW_SPANS]: this.spans },
      context: ROOT_CONTEXT,
    });
    const onAlert = this.onAlert;
    if (onAlert) safely('onAlert', () => onAlert(alert));
  }
}

function clamp(value: number, low: number, high: number): number {
  return Number.isFinite(value) ? Math.min(high, Math.max(low, value)) : low;
}
