import { context } from '@opentelemetry/api';
import { extractTraceContext, getTags, injectTraceContext } from '@sightline/core';

// Caller: put traceparent, tracestate and the tags (as W3C baggage) into any carrier.
const headers: Record<string, unknown> = {};
injectTraceContext(headers);

// Receiver: the tags are validated against this process's schema; bad entries are dropped and counted.
const received = extractTraceContext(headers);
context.with(received, () => getTags());
