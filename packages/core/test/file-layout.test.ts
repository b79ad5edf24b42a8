import { describe, expect, it } from 'vitest';
import { DEFAULT_FILE_DIR, telemetryFileName, telemetryFileRotation } from '../src/exporters/file-layout.js';

describe('the telemetry file layout', () => {
  it('names the live and the rotated files of a signal, and reads the rotation back', () => {
    expect([DEFAULT_FILE_DIR, telemetryFileName('traces'), telemetryFileName('logs', 3)]).toEqual([
      '.sightline',
      'traces.jsonl',
      'logs.3.jsonl',
    ]);
    for (const rotation of [0, 1, 5, 12]) expect(telemetryFileRotation('metrics', telemetryFileName('metrics', rotation))).toBe(rotation);
  });

  it("knows no other file as one of the signal's", () => {
    const others = [
      'metrics.jsonl',
      'traces.0.jsonl',
      'traces.01.jsonl',
      'traces.x.jsonl',
      'traces.jsonl.bak',
      'traces..jsonl',
      'xtraces.jsonl',
      'traces.1.json',
    ];
    expect(others.map((name) => telemetryFileRotation('traces', name))).toEqual(others.map(() => undefined));
  });
});
