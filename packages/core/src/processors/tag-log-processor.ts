import type { Context } from '@opentelemetry/api';
import type { LogRecordProcessor, SdkLogRecord } from '@opentelemetry/sdk-logs';
import { createLogger } from '../internal/logger.js';
import { readTags } from '../tags/tag-context.js';
import type { TagRuntime } from '../tags/tag-runtime.js';
import { stampMissing } from '../tags/stamp.js';

const log = createLogger('log-processor');

/** Stamps tags on every log record emitted through the registered logger provider. */
export class TagStampingLogProcessor implements LogRecordProcessor {
  constructor(private readonly runtimeOf: () => TagRuntime | undefined) {}

  onEmit(record: SdkLogRecord, context?: Context): void {
    try {
      const runtime = this.runtimeOf();
      if (runtime === undefined) return;
      stampMissing(runtime, runtime.frameFor(readTags(context)).spans, record.attributes, record);
    } catch (error) {
      log.warnOnce('stamp', 'could not stamp tags on a log record', error);
    }
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
