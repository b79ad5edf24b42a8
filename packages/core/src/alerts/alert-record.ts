import type { Attributes as LogAttributes } from '@opentelemetry/api';
import { logsApi, SEVERITY } from '../internal/logs-api.js';
import type { Context } from '@opentelemetry/api';
import { safely } from '../internal/safely.js';
import { METER_NAME } from '../metrics/meter-name.js';
import { ATTR_SIGHTLINE_ALERT_KIND, EVENT_SIGHTLINE_ALERT } from '../semconv.js';

export interface AlertRecord {
  kind: string;
  /** ERROR for a limit reached, WARN for everything that is a warning sign. */
  severe: boolean;
  message: string;
  attributes: LogAttributes;
  /** Default: the active context, so the record is parented to the span that caused the alert. */
  context?: Context;
}

/**
 * Every alert Sightline raises is also a `sightline.alert` log record, so it
 * reaches the same backend as the telemetry that explains it, whether or not
 * the app set `onAlert`. Never throws.
 */
export function emitAlertRecord(record: AlertRecord): void {
  safely('alert log record', () =>
    logsApi()
      .getLogger(METER_NAME)
      .emit({
        eventName: EVENT_SIGHTLINE_ALERT,
        severityNumber: record.severe ? SEVERITY.ERROR : SEVERITY.WARN,
        severityText: record.severe ? 'ERROR' : 'WARN',
        body: record.message,
        attributes: { ...record.attributes, [ATTR_SIGHTLINE_ALERT_KIND]: record.kind },
        ...(record.context ? { context: record.context } : {}),
      }),
  );
}
