import { context, createContextKey, SpanKind, type Attributes } from '@opentelemetry/api';
import {
  createLogger,
  isEvaluationEnabled,
  METRICS,
  noteRetrievedDocuments,
  recordMetrics,
  resolveParentContext,
  safely,
  semconv,
  traced,
  type MetricRecord,
} from '@sightline/core/instrumentation';

const SCOPE = '@sightline/vector';
const log = createLogger('vector');
/** Which instrumented object's operation is running: its own inner calls (peek → get) get no second span. */
const ACTIVE_TARGET = createContextKey('sightline.vector.active-target');

export interface ServerAddress {
  address: string;
  port?: number;
}

/** What is known about an operation before it runs. */
export interface OperationDescription {
  system: string;
  operation: string;
  collection?: string;
  server?: ServerAddress;
  /** Adds the request attributes (top-k, embedding dimension, filter) to the span's start attributes. */
  addRequestAttributes?(attributes: Attributes): void;
}

/** What the result tells us. */
export interface ResultSummary {
  attributes?: Attributes;
  returnedRows?: number;
  /** The closest distance of each query embedding, for the best-distance histogram. */
  bestDistances?: number[];
  /** The returned texts, kept in memory for the evaluators' groundedness checks (never exported). */
  documents?: () => unknown[];
}

/**
 * Runs one vector-store operation in a CLIENT span named
 * `{db.operation.name} {db.collection.name}` and records its duration, returned
 * rows and best distances. Returns exactly what `call` returns.
 */
export function tracedOperation<R>(
  target: object,
  describe: () => OperationDescription,
  call: () => R,
  summarize?: (result: Awaited<R>) => ResultSummary | undefined,
): R {
  if (context.active().getValue(ACTIVE_TARGET) === target) return call();
  let description: OperationDescription;
  let common: Attributes;
  let start: Attributes;
  try {
    description = describe();
    common = commonAttributes(description);
    start = commonAttributes(description);
    description.addRequestAttributes?.(start);
  } catch (error) {
    log.warnOnce(`describe`, 'could not describe a vector operation; it runs untraced', error);
    return call();
  }
  let summary: ResultSummary | undefined;
  const { operation, collection } = description;
  return traced(
    {
      scope: SCOPE,
      name: collection ? `${operation} ${collection}` : operation,
      kind: SpanKind.CLIENT,
      attributes: start,
      parent: resolveParentContext().setValue(ACTIVE_TARGET, target),
    },
    call,
    {
      onResult(span, result) {
        summary = summarize && safely(`summarize:${operation}`, () => summarize(result));
        if (summary?.attributes) span.setAttributes(summary.attributes);
        const documents = summary?.documents;
        if (documents !== undefined && isEvaluationEnabled()) {
          safely('note-documents', () =>
            noteRetrievedDocuments(
              span.spanContext().traceId,
              documents().filter((d) => typeof d === 'string'),
            ),
          );
        }
      },
      onEnd(_span, { errorType, durationSeconds, context }) {
        const attributes = errorType ? { ...common, [semconv.ATTR_ERROR_TYPE]: errorType } : common;
        const records: MetricRecord[] = [{ definition: METRICS.dbDuration, value: durationSeconds, attributes }];
        const rows = summary?.returnedRows;
        if (rows !== undefined) records.push({ definition: METRICS.dbReturnedRows, value: rows, attributes: common });
        for (const best of summary?.bestDistances ?? []) {
          records.push({ definition: METRICS.vectorBestDistance, value: best, attributes: common });
        }
        recordMetrics(records, { context });
      },
    },
  );
}

/** The low-cardinality attributes shared by the span and every metric of one operation. */
function commonAttributes({ system, operation, collection, server }: OperationDescription): Attributes {
  const attributes: Attributes = {
    [semconv.ATTR_DB_SYSTEM_NAME]: system,
    [semconv.ATTR_DB_OPERATION_NAME]: operation,
  };
  if (collection) attributes[semconv.ATTR_DB_COLLECTION_NAME] = collection;
  if (server) {
    attributes[semconv.ATTR_SERVER_ADDRESS] = server.address;
    if (server.port !== undefined) attributes[semconv.ATTR_SERVER_PORT] = server.port;
  }
  return attributes;
}
