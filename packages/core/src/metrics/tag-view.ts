import type { Attributes, Context } from '@opentelemetry/api';
import type { IAttributesProcessor, ViewOptions } from '@opentelemetry/sdk-metrics';
import { stampMissing } from '../tags/stamp.js';
import { readTags } from '../tags/tag-context.js';
import { tagSlot } from '../tags/tag-slot.js';

/**
 * Tags for metrics recorded by other instrumentations (HTTP, DB, ...): the SDK
 * hands this processor the context of each synchronous measurement. Asynchronous
 * (observable) measurements have no request context and are left untagged on
 * purpose: host-level series such as GPU gauges are not a request's.
 */
/** The attributes `recordMetric` is recording at this moment: stamped already, so the view passes them through. */
let stampedRecord: Attributes | undefined;

/** Set by `recordMetric` around its synchronous SDK call (the SDK runs view processors inside that call). */
export function setStampedRecord(attributes: Attributes | undefined): void {
  stampedRecord = attributes;
}

const tagAttributesProcessor: IAttributesProcessor = {
  process(incoming: Attributes, context?: Context): Attributes {
    if (incoming === stampedRecord) return incoming;
    const runtime = tagSlot().tagRuntime;
    if (context === undefined || runtime === undefined) return incoming;
    let result = incoming;
    try {
      stampMissing(runtime, runtime.frameFor(readTags(context)).metrics, incoming, {
        setAttributes(tagAttributes) {
          result = Object.assign({}, incoming, tagAttributes);
        },
      });
    } catch {
      return incoming;
    }
    return result;
  },
};

/** A view that stamps tags on every synchronous metric. Pass it to your own MeterProvider or NodeSDK `views`. */
export function sightlineMetricsView(): ViewOptions {
  return { instrumentName: '*', attributesProcessors: [tagAttributesProcessor] };
}
