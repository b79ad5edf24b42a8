/**
 * Decoding of OTLP/JSON export requests as the file exporter writes them
 * (`@opentelemetry/otlp-transformer`'s JSON serializers): attribute lists of
 * `{ key, value: { stringValue | intValue | doubleValue | boolValue | arrayValue } }`,
 * times as decimal strings of nanoseconds. Integers may be strings or numbers.
 */
export type Attributes = Record<string, unknown>;

export interface SpanRecord {
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  name: string;
  kind: number;
  /** Epoch milliseconds (fractional). */
  startMs: number;
  endMs: number;
  /** Computed from the nanosecond strings, so whole-millisecond durations stay exact. */
  durationSeconds: number;
  /** OTLP status code: 0 unset, 1 ok, 2 error. */
  statusCode: number;
  attributes: Attributes;
  resource: Attributes;
}

export interface LogRecord {
  timeMs: number;
  eventName: string | undefined;
  traceId: string | undefined;
  spanId: string | undefined;
  attributes: Attributes;
}

interface OtlpKeyValue {
  key: string;
  value?: Record<string, unknown>;
}

/** OTLP's status code for a failed span. */
export const OTLP_STATUS_ERROR = 2;

/** Calls `visit` for every span of one traces request; false when the line is no traces request. */
export function forEachSpan(request: unknown, visit: (span: SpanRecord) => void): boolean {
  const resourceSpans = (request as { resourceSpans?: unknown } | null)?.resourceSpans;
  if (!Array.isArray(resourceSpans)) return false;
  for (const group of resourceSpans as { resource?: { attributes?: OtlpKeyValue[] }; scopeSpans?: { spans?: RawSpan[] }[] }[]) {
    const resource = decodeAttributes(group?.resource?.attributes);
    for (const scope of group?.scopeSpans ?? []) {
      for (const raw of scope?.spans ?? []) {
        if (typeof raw?.traceId !== 'string' || typeof raw.spanId !== 'string') continue;
        const startMs = nanosToMs(raw.startTimeUnixNano);
        const endMs = nanosToMs(raw.endTimeUnixNano);
        visit({
          traceId: raw.traceId.toLowerCase(),
          spanId: raw.spanId.toLowerCase(),
          parentSpanId: raw.parentSpanId ? raw.parentSpanId.toLowerCase() : undefined,
          name: String(raw.name ?? ''),
          kind: Number(raw.kind ?? 0),
          startMs,
          endMs,
          durationSeconds: Math.max(0, durationSeconds(raw.startTimeUnixNano, raw.endTimeUnixNano)),
          statusCode: Number(raw.status?.code ?? 0),
          attributes: decodeAttributes(raw.attributes),
          resource,
        });
      }
    }
  }
  return true;
}

/** Calls `visit` for every log record of one logs request; false when the line is no logs request. */
export function forEachLogRecord(request: unknown, visit: (record: LogRecord) => void): boolean {
  const resourceLogs = (request as { resourceLogs?: unknown } | null)?.resourceLogs;
  if (!Array.isArray(resourceLogs)) return false;
  for (const group of resourceLogs as { scopeLogs?: { logRecords?: RawLogRecord[] }[] }[]) {
    for (const scope of group?.scopeLogs ?? []) {
      for (const raw of scope?.logRecords ?? []) {
        if (raw === null || typeof raw !== 'object') continue;
        const attributes = decodeAttributes(raw.attributes);
        const time = raw.timeUnixNano && raw.timeUnixNano !== '0' ? raw.timeUnixNano : raw.observedTimeUnixNano;
        visit({
          timeMs: nanosToMs(time),
          eventName: raw.eventName || (typeof attributes['event.name'] === 'string' ? attributes['event.name'] : undefined),
          traceId: raw.traceId ? raw.traceId.toLowerCase() : undefined,
          spanId: raw.spanId ? raw.spanId.toLowerCase() : undefined,
          attributes,
        });
      }
    }
  }
  return true;
}

function decodeAttributes(list: OtlpKeyValue[] | undefined): Attributes {
  const attributes: Attributes = {};
  if (!Array.isArray(list)) return attributes;
  for (const entry of list) {
    if (entry && typeof entry.key === 'string' && entry.value) attributes[entry.key] = decodeValue(entry.value);
  }
  return attributes;
}

function decodeValue(value: Record<string, unknown>): unknown {
  if ('stringValue' in value) return value.stringValue;
  if ('doubleValue' in value) return Number(value.doubleValue);
  if ('intValue' in value) return Number(value.intValue);
  if ('boolValue' in value) return value.boolValue;
  if ('arrayValue' in value) {
    const values = (value.arrayValue as { values?: Record<string, unknown>[] } | undefined)?.values ?? [];
    return values.map(decodeValue);
  }
  return undefined;
}

/** Nanoseconds (a decimal string, or a number from other writers) to fractional epoch milliseconds. */
export function nanosToMs(nanos: unknown): number {
  if (typeof nanos === 'number') return nanos / 1e6;
  if (typeof nanos !== 'string' || nanos.length === 0) return 0;
  if (nanos.length <= 6) return Number(nanos) / 1e6;
  return Number(nanos.slice(0, -6)) + Number(nanos.slice(-6)) / 1e6;
}

/** end − start in seconds, splitting the strings so the subtraction stays exact for realistic spans. */
function durationSeconds(start: unknown, end: unknown): number {
  if (typeof start !== 'string' || typeof end !== 'string' || start.length <= 9 || end.length <= 9) {
    return (nanosToMs(end) - nanosToMs(start)) / 1000;
  }
  const seconds = Number(end.slice(0, -9)) - Number(start.slice(0, -9));
  const nanos = Number(end.slice(-9)) - Number(start.slice(-9));
  return seconds + nanos / 1e9;
}

interface RawSpan {
  traceId?: string;
  spanId?: string;
  parentSpanId?: string;
  name?: string;
  kind?: number;
  startTimeUnixNano?: string;
  endTimeUnixNano?: string;
  attributes?: OtlpKeyValue[];
  status?: { code?: number };
}

interface RawLogRecord {
  timeUnixNano?: string;
  observedTimeUnixNano?: string;
  eventName?: string;
  traceId?: string;
  spanId?: string;
  attributes?: OtlpKeyValue[];
}
