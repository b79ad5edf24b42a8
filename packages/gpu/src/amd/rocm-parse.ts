import { semconv } from '@sightline/core/instrumentation';
import { parseMeasurement, percentToRatio, type GpuReading } from '../reading.js';

/**
 * rocm-smi's flags for one poll. `--showmeminfo vram`, `--showuniqueid` and
 * `--showproductname` add what the usage flags lack: memory in bytes, a stable
 * id for `ATTR_HW_ID`, and a name for `ATTR_HW_NAME`.
 */
export const ROCM_ARGUMENTS = [
  '--showuse',
  '--showmemuse',
  '--showtemp',
  '--showpower',
  '--showmeminfo',
  'vram',
  '--showuniqueid',
  '--showproductname',
  '--json',
];

// Key spellings differ across ROCm releases (and by GPU family for power), so
// each field lists the spellings in order of preference; lookups ignore case.
const KEYS = {
  utilization: ['GPU use (%)'],
  memoryActivity: ['GPU Memory Read/Write Activity (%)', 'GPU memory use (%)'],
  memoryAllocatedPercent: ['GPU Memory Allocated (VRAM%)'],
  memoryUsed: ['VRAM Total Used Memory (B)'],
  memoryTotal: ['VRAM Total Memory (B)'],
  temperature: ['Temperature (Sensor edge) (C)', 'Temperature (Sensor junction) (C)'],
  power: ['Average Graphics Package Power (W)', 'Current Socket Graphics Package Power (W)'],
  uniqueId: ['Unique ID'],
  name: ['Card Series', 'Card series', 'Device Name', 'Card SKU'],
} as const;

export interface RocmParseResult {
  readings: GpuReading[];
  /** Cards whose entry was not an object or held a malformed number. */
  skipped: number;
}

/** Parses `rocm-smi … --json` output: `{ "card0": { "GPU use (%)": "12", … }, "system": { … } }`. */
export function parseRocmJson(text: string): RocmParseResult | undefined {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (document === null || typeof document !== 'object' || Array.isArray(document)) return undefined;
  const result: RocmParseResult = { readings: [], skipped: 0 };
  for (const [key, card] of Object.entries(document as Record<string, unknown>)) {
    const match = /^card(\d+)$/.exec(key);
    if (!match) continue;
    const reading =
      card !== null && typeof card === 'object' ? parseCard(Number(match[1]), key, card as Record<string, unknown>) : undefined;
    if (reading) result.readings.push(reading);
    else result.skipped++;
  }
  return result;
}

function parseCard(index: number, cardKey: string, card: Record<string, unknown>): GpuReading | undefined {
  const lowered = new Map(Object.entries(card).map(([name, value]) => [name.toLowerCase(), value]));
  const text = (names: readonly string[]): string | undefined => {
    for (const name of names) {
      const value = lowered.get(name.toLowerCase());
      if (value !== undefined && value !== null) return String(value);
    }
    return undefined;
  };
  const numbers = {
    utilization: parseMeasurement(text(KEYS.utilization) ?? 'N/A'),
    memoryActivity: parseMeasurement(text(KEYS.memoryActivity) ?? 'N/A'),
    memoryUsed: parseMeasurement(text(KEYS.memoryUsed) ?? 'N/A'),
    memoryAllocatedPercent: parseMeasurement(text(KEYS.memoryAllocatedPercent) ?? 'N/A'),
    memoryTotal: parseMeasurement(text(KEYS.memoryTotal) ?? 'N/A'),
    temperature: parseMeasurement(text(KEYS.temperature) ?? 'N/A'),
    power: parseMeasurement(text(KEYS.power) ?? 'N/A'),
  };
  if (Object.values(numbers).includes(null)) return undefined;
  const uniqueId = text(KEYS.uniqueId);
  const total = numbers.memoryTotal ?? undefined;
  const allocatedPercent = numbers.memoryAllocatedPercent ?? undefined;
  // Without --showmeminfo the allocation percentage still gives bytes used, given the total.
  const used =
    numbers.memoryUsed ??
    (total !== undefined && allocatedPercent !== undefined ? Math.round((total * allocatedPercent) / 100) : undefined);
  return {
    vendor: semconv.HW_VENDOR_AMD,
    index,
    id: uniqueId && uniqueId !== 'N/A' ? uniqueId : cardKey,
    name: text(KEYS.name) ?? `AMD GPU ${cardKey}`,
    utilization: percentToRatio(numbers.utilization ?? undefined),
    memoryActivity: percentToRatio(numbers.memoryActivity ?? undefined),
    memoryUsedBytes: used,
    memoryTotalBytes: total,
    temperatureCelsius: numbers.temperature ?? undefined,
    powerWatts: numbers.power ?? undefined,
    powerLimitWatts: undefined,
  };
}
