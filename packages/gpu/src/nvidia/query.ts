import { semconv } from '@sightline/core/instrumentation';
import { mibToBytes, parseMeasurement, percentToRatio, type GpuReading } from '../reading.js';

/** The `--query-gpu` fields, in the column order nvidia-smi prints them. */
export const NVIDIA_QUERY_FIELDS = [
  'index',
  'uuid',
  'name',
  'utilization.gpu',
  'utilization.memory',
  'memory.used',
  'memory.total',
  'temperature.gpu',
  'power.draw',
  'power.limit',
] as const;

/** One long-lived process that prints a line per GPU every interval (`-lms`). */
export function nvidiaArguments(intervalMs: number): string[] {
  return [`--query-gpu=${NVIDIA_QUERY_FIELDS.join(',')}`, '--format=csv,noheader,nounits', '-lms', String(intervalMs)];
}

const UUID_PATTERN = /^(GPU|MIG)-[0-9a-fA-F-]+$/;

/**
 * Parses one `csv,noheader,nounits` line, e.g.
 * `0, GPU-5f3c…, NVIDIA H100 80GB HBM3, 87, 41, 61234, 81559, 54, 512.34, 700.00`.
 * Returns undefined for a line that is not a complete, well-formed row.
 */
export function parseNvidiaLine(line: string): GpuReading | undefined {
  const fields = line.split(',');
  if (fields.length !== NVIDIA_QUERY_FIELDS.length) return undefined;
  const [index, uuid, name, utilization, memoryActivity, memoryUsed, memoryTotal, temperature, power, powerLimit] = fields.map((field) =>
    field.trim(),
  );
  if (index === undefined || !/^\d+$/.test(index) || uuid === undefined || !UUID_PATTERN.test(uuid) || !name) {
    return undefined;
  }
  const numbers = [utilization, memoryActivity, memoryUsed, memoryTotal, temperature, power, powerLimit].map(parseMeasurement);
  if (numbers.includes(null)) return undefined;
  const [utilizationPercent, activityPercent, usedMib, totalMib, celsius, watts, limitWatts] = numbers as (number | undefined)[];
  return {
    vendor: semconv.HW_VENDOR_NVIDIA,
    index: Number(index),
    id: uuid,
    name,
    utilization: percentToRatio(utilizationPercent),
    memoryActivity: percentToRatio(activityPercent),
    memoryUsedBytes: mibToBytes(usedMib),
    memoryTotalBytes: mibToBytes(totalMib),
    temperatureCelsius: celsius,
    powerWatts: watts,
    powerLimitWatts: limitWatts,
  };
}
