import { semconv } from '@sightline/core';
import { describe, expect, it, vi } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readOtlpLines } from '@sightline/testing';
import {
  FAKE_NVIDIA_SMI,
  fakeCommand,
  GPU0,
  GPU1,
  hardware,
  isAlive,
  MIB,
  otlpPoints,
  pidFile,
  readPids,
  useGpuTestRun,
} from './helpers.js';

const run = useGpuTestRun();

describe('GPU sampler on a fake nvidia-smi with two H100s', () => {
  it('reports each GPU as hw.* metrics in semconv units, with hardware identity and no request tags', async () => {
    const telemetry = run.telemetry();
    // One batch only: the next would come a minute later.
    const sampler = await run.sampler({ command: FAKE_NVIDIA_SMI, intervalMs: 60_000 });
    await vi.waitFor(() => expect(sampler.latest()).toHaveLength(2));
    expect(sampler.status()).toBe('running');
    expect(sampler.vendor).toBe('nvidia');

    const gpu0 = hardware(GPU0);
    const gpu1 = hardware(GPU1);
    const values = async (name: string) => telemetry.points(name);
    // GPU 1 reports utilization as [N/A]: it has no utilization point rather than a 0.
    expect(await values(semconv.METRIC_HW_GPU_UTILIZATION)).toEqual([{ attributes: gpu0, value: 0.87 }]);
    expect(await values(semconv.METRIC_HW_GPU_MEMORY_USAGE)).toEqual([
      { attributes: gpu0, value: 61234 * MIB },
      { attributes: gpu1, value: 4123 * MIB },
    ]);
    expect(await values(semconv.METRIC_HW_GPU_MEMORY_LIMIT)).toEqual([
      { attributes: gpu0, value: 81559 * MIB },
      { attributes: gpu1, value: 81559 * MIB },
    ]);
    expect(await values(semconv.METRIC_HW_GPU_MEMORY_UTILIZATION)).toEqual([
      { attributes: gpu0, value: 61234 / 81559 },
      { attributes: gpu1, value: 4123 / 81559 },
    ]);
    expect(await values(semconv.METRIC_HW_TEMPERATURE)).toEqual([
      { attributes: gpu0, value: 54 },
      { attributes: gpu1, value: 38 },
    ]);
    expect(await values(semconv.METRIC_HW_POWER)).toEqual([
      { attributes: gpu0, value: 512.34 },
      { attributes: gpu1, value: 98.77 },
    ]);
    expect(await values(semconv.METRIC_HW_ENERGY)).toEqual([
      { attributes: gpu0, value: 0 },
      { attributes: gpu1, value: 0 },
    ]);
    const units = Object.fromEntries([...(await telemetry.metrics())].map(([name, metric]) => [name, metric.descriptor.unit]));
    expect(units).toMatchObject({
      [semconv.METRIC_HW_GPU_UTILIZATION]: '1',
      [semconv.METRIC_HW_GPU_MEMORY_USAGE]: 'By',
      [semconv.METRIC_HW_GPU_MEMORY_LIMIT]: 'By',
      [semconv.METRIC_HW_GPU_MEMORY_UTILIZATION]: '1',
      [semconv.METRIC_HW_TEMPERATURE]: 'Cel',
      [semconv.METRIC_HW_POWER]: 'W',
      [semconv.METRIC_HW_ENERGY]: 'J',
    });
  });

  it('streams from one process, keeps latest() current, and integrates energy from power over time', async () => {
    const telemetry = run.telemetry();
    const pids = pidFile();
    const sampler = await run.sampler({ command: fakeCommand({ FAKE_SMI_PID_FILE: pids }), intervalMs: 100 });
    await vi.waitFor(() => expect(sampler.latest()[0]?.energyJoules).toBeGreaterThan(40), { timeout: 5000, interval: 50 });
    const [gpu0, gpu1] = sampler.latest();
    expect(gpu0).toMatchObject({ index: 0, id: GPU0.id, vendor: 'nvidia', memoryTotalBytes: 81559 * MIB });
    expect(gpu1).toMatchObject({ index: 1, id: GPU1.id, utilization: undefined });
    // ~400–550 W for ≥ 0.1 s per step; GPU 1 draws about a fifth of that.
    expect(gpu1!.energyJoules).toBeGreaterThan(0);
    expect(gpu1!.energyJoules).toBeLessThan(gpu0!.energyJoules);
    const [energy0] = await telemetry.points(semconv.METRIC_HW_ENERGY);
    expect(energy0?.value).toBeGreaterThan(40);
    expect(readPids(pids)).toHaveLength(1);
  });

  it('stop() ends the tool process (checked by pid), and is idempotent; the final readings stay reported', async () => {
    const telemetry = run.telemetry();
    const pids = pidFile();
    const sampler = await run.sampler({ command: fakeCommand({ FAKE_SMI_PID_FILE: pids }), intervalMs: 100 });
    await vi.waitFor(() => expect(readPids(pids)).toHaveLength(1));
    const [pid] = readPids(pids);
    expect(isAlive(pid!)).toBe(true);
    await vi.waitFor(() => expect(sampler.latest()).toHaveLength(2));
    await Promise.all([sampler.stop(), sampler.stop()]);
    expect(isAlive(pid!)).toBe(false);
    expect(sampler.status()).toBe('stopped');
    // The final readings are still reported right after stop() (issue 19); gpu-metrics.test.ts covers the detaching.
    expect(await telemetry.points(semconv.METRIC_HW_POWER)).toHaveLength(2);
    await sampler.stop();
  });

  it('stop() then shutdown() exports the final readings, to every reader (issue 19)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sightline-gpu-final-'));
    // The embedded default: the file exporter, whose only export here is the one shutdown() makes.
    const telemetry = run.telemetry({ exporters: { file: dir } });
    const sampler = await run.sampler({ command: FAKE_NVIDIA_SMI, intervalMs: 100 });
    await vi.waitFor(() => expect(sampler.latest()).toHaveLength(2));
    await sampler.stop();
    // Another reader collecting first (a Prometheus scrape) must not take them from the file exporter.
    expect(await telemetry.points(semconv.METRIC_HW_POWER)).toHaveLength(2);
    await telemetry.shutdown();
    const exported = readOtlpLines(dir, 'metrics').flatMap((line) => otlpPoints(line, semconv.METRIC_HW_POWER));
    expect(exported.map((point) => point.attributes)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ [semconv.ATTR_HW_ID]: GPU0.id }),
        expect.objectContaining({ [semconv.ATTR_HW_ID]: GPU1.id }),
      ]),
    );
    expect(exported.find((point) => point.attributes[semconv.ATTR_HW_ID] === GPU0.id)?.value).toBeGreaterThan(0);
  });

  it('works without init: the global no-op meter and no span processor cost nothing and break nothing', async () => {
    const sampler = await run.sampler({ command: FAKE_NVIDIA_SMI, intervalMs: 100, vendor: 'nvidia' });
    await vi.waitFor(() => expect(sampler.latest()).toHaveLength(2));
    expect(sampler.status()).toBe('running');
  });

  it('polls rocm-smi on AMD hosts and reports the same metrics with hw.vendor=amd', async () => {
    const telemetry = run.telemetry();
    const json = fileURLToPath(new URL('./fixtures/rocm-smi-mi210x2.json', import.meta.url));
    // A stand-in rocm-smi that checks it was asked for JSON and prints the recorded document.
    const fakeRocm = `if (!process.argv.includes('--json')) process.exit(2); process.stdout.write(require('fs').readFileSync(${JSON.stringify(json)}))`;
    const sampler = await run.sampler({ vendor: 'amd', command: [process.execPath, '-e', fakeRocm, '--'], intervalMs: 100 });
    expect([sampler.vendor, sampler.status()]).toEqual(['amd', 'running']);
    const mi210 = (id: string) => hardware({ id, name: 'AMD Instinct MI210' }, semconv.HW_VENDOR_AMD);
    expect(await telemetry.points(semconv.METRIC_HW_GPU_UTILIZATION)).toEqual([
      { attributes: mi210('0x18f68e602b8a790f'), value: 0.76 },
      { attributes: mi210('card1'), value: 0 },
    ]);
    expect(await telemetry.points(semconv.METRIC_HW_POWER)).toEqual([{ attributes: mi210('0x18f68e602b8a790f'), value: 104 }]);
  });
});
