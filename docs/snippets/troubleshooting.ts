import { diag, DiagConsoleLogger, DiagLogLevel } from '@opentelemetry/api';
import { init, readInternalCounter, semconv } from '@sightline/core';

diag.setLogger(new DiagConsoleLogger(), DiagLogLevel.WARN); // before init, so no first warning is missed
const obs = init({ serviceName: 'support-bot' });

// Health counters can also be read in-process, without any exporter working:
const lostSpans = readInternalCounter(semconv.METRIC_SIGHTLINE_TELEMETRY_DROPPED, {
  [semconv.ATTR_SIGHTLINE_SIGNAL]: 'traces',
  [semconv.ATTR_SIGHTLINE_REASON]: semconv.REASON_WRITE_FAILED,
});
console.log(`spans lost to write failures: ${lostSpans}`);
await obs.shutdown();
