import { SpanKind, type Attributes, type Context } from '@opentelemetry/api';
import { cachedTracer, METER_NAME, semconv } from '@sightline/core/instrumentation';

/**
 * A breach is a log record and a counter, and neither reaches a tail sampler,
 * which decides on a trace's spans. So a breach also adds one short span under
 * the evaluated span, in its trace: a sampler still holding the trace (the
 * evaluation usually answers within its decision wait) keeps it by this span's
 * `sightline.eval.breach` (deploy/alloy). It carries the score's attributes
 * and the call's tags, never content. Core's scope, as before the split, so
 * queries on the span's scope keep working.
 */
export function emitBreachSpan(context: Context, scoreAttributes: Attributes): void {
  cachedTracer(METER_NAME)
    .startSpan(
      semconv.SPAN_SIGHTLINE_EVAL_BREACH,
      { kind: SpanKind.INTERNAL, attributes: { ...scoreAttributes, [semconv.ATTR_SIGHTLINE_EVAL_BREACH]: true } },
      context,
    )
    .end();
}
