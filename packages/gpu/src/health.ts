import { countInternal, createLogger, semconv } from '@sightline/core/instrumentation';
import type { GpuVendor } from './types.js';

const log = createLogger('gpu');

/**
 * The sampler's faults: each is warned about once per cause through diag and
 * counted on Sightline's own health counters, so a dashboard can show a sampler
 * that keeps crashing or a tool whose output format changed.
 */
export interface SamplerHealth {
  skippedLine(sample: string): void;
  restarted(reason: typeof semconv.REASON_TOOL_EXITED | typeof semconv.REASON_WATCHDOG, detail: string): void;
  unavailable(reason: typeof semconv.REASON_TOOL_NOT_FOUND | typeof semconv.REASON_TOOL_FAILED, detail: string): void;
}

export function samplerHealth(vendor: GpuVendor): SamplerHealth {
  const vendorAttributes = { [semconv.ATTR_HW_VENDOR]: vendor };
  return {
    skippedLine(sample) {
      countInternal(
        semconv.METRIC_SIGHTLINE_GPU_SAMPLER_SKIPPED_LINES,
        'Lines or documents from the GPU tool that could not be parsed',
        vendorAttributes,
      );
      log.warnOnce(
        `${vendor}:skipped`,
        `skipping unparseable ${vendor} GPU tool output (counted): ${JSON.stringify(sample.slice(0, 120))}`,
      );
    },
    restarted(reason, detail) {
      countInternal(semconv.METRIC_SIGHTLINE_GPU_SAMPLER_RESTARTS, 'Restarts of the GPU tool process', {
        ...vendorAttributes,
        [semconv.ATTR_SIGHTLINE_REASON]: reason,
      });
      const what = reason === semconv.REASON_WATCHDOG ? 'went quiet and was killed by the watchdog' : 'exited';
      log.warnOnce(`${vendor}:${reason}`, `the ${vendor} GPU tool ${what} (${detail}); counted, and retried with capped backoff`);
    },
    unavailable(reason, detail) {
      countInternal(semconv.METRIC_SIGHTLINE_GPU_SAMPLER_UNAVAILABLE, 'GPU samplers that found no usable GPU tool', {
        ...vendorAttributes,
        [semconv.ATTR_SIGHTLINE_REASON]: reason,
      });
      log.warnOnce(`${vendor}:unavailable:${reason}`, `GPU sampling is unavailable (${vendor}: ${reason}): ${detail}`);
    },
  };
}
