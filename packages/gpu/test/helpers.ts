import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { semconv, type DefaultTagSchema, type InitOptions } from '@sightline/core';
import { decodeAttributes, setupTestTelemetry, type TestTelemetry } from '@sightline/testing';
import { afterEach } from 'vitest';
import { startGpuSampler, type GpuSampler, type GpuSamplerOptions } from '../src/index.js';

export const FAKE_NVIDIA_SMI = fileURLToPath(new URL('./fixtures/fake-nvidia-smi.mjs', import.meta.url));
export const fixture = (name: string): string => readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), 'utf8');

export const GPU0 = { id: 'GPU-5f3c1c2e-8a4b-4d7e-9b1f-2c6d3e4f5a61', name: 'NVIDIA H100 80GB HBM3' };
export const GPU1 = { id: 'GPU-0c9d8e7f-3a2b-41c5-96d7-e8f9a0b1c2d3', name: 'NVIDIA H100 80GB HBM3' };
export const MIB = 1024 * 1024;

export const hardware = (gpu: { id: string; name: string }, vendor = semconv.HW_VENDOR_NVIDIA) => ({
  [semconv.ATTR_HW_TYPE]: semconv.HW_TYPE_GPU,
  [semconv.ATTR_HW_ID]: gpu.id,
  [semconv.ATTR_HW_NAME]: gpu.name,
  [semconv.ATTR_HW_VENDOR]: vendor,
});

/** The fake tool with its fault switches set (through env, so the pid stays the tool's own). */
export function fakeCommand(environment: Record<string, string | number> = {}): string[] {
  return ['/usr/bin/env', ...Object.entries(environment).map(([key, value]) => `${key}=${value}`), FAKE_NVIDIA_SMI];
}

/**
 * A shell script that runs its arguments as its child (not exec'd), as
 * `docker exec` or a site's script around nvidia-smi does, and records its own
 * pid too. With WRAPPER_EXIT_AFTER=seconds it leaves the child running and exits 1.
 */
export function wrapperScript(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'sightline-gpu-wrapper-')), 'nvidia-smi-wrapper.sh');
  const script = [
    '#!/bin/sh',
    '[ -n "$FAKE_SMI_PID_FILE" ] && echo "$$" >> "$FAKE_SMI_PID_FILE"',
    'if [ -n "$WRAPPER_EXIT_AFTER" ]; then "$@" & sleep "$WRAPPER_EXIT_AFTER"; exit 1; fi',
    '"$@"',
    // Not the last command, so that no shell execs the tool in its place.
    'exit $?',
  ];
  writeFileSync(file, `${script.join('\n')}\n`);
  chmodSync(file, 0o755);
  return file;
}

/** The fake nvidia-smi behind the wrapper script, with the same switches as fakeCommand. */
export function wrappedFakeCommand(environment: Record<string, string | number> = {}): string[] {
  const [env, ...settings] = fakeCommand(environment);
  return [env!, ...settings.slice(0, -1), wrapperScript(), process.execPath, FAKE_NVIDIA_SMI];
}

/** Whether any process (a zombie included) is left in the process group led by `pgid`. */
export function groupAlive(pgid: number): boolean {
  return isAlive(-pgid);
}

export function pidFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'sightline-gpu-')), 'pids');
}

export function readPids(file: string): number[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map(Number) : [];
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether `pid` is a live process, a zombie not counting. A wrapper's child
 * killed with its group is reparented to init as a zombie until init reaps it:
 * it is dead, and no longer ours to reap. Our own children are checked with
 * isAlive, which counts zombies, since Node must reap those.
 */
export function isRunning(pid: number): boolean {
  if (!isAlive(pid)) return false;
  try {
    // The state is the field after the parenthesised command name.
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return process.platform !== 'linux';
  }
}

type OtlpMetricLine = { resourceMetrics?: { scopeMetrics?: { metrics?: OtlpMetric[] }[] }[] };
type OtlpMetric = { name: string } & Partial<
  Record<'gauge' | 'sum', { dataPoints: { attributes?: []; asDouble?: number; asInt?: number }[] }>
>;

/** The points of metric `name` in one OTLP/JSON export request, as read back from a file. */
export function otlpPoints(line: unknown, name: string): { attributes: Record<string, unknown>; value: number | undefined }[] {
  const metrics = ((line as OtlpMetricLine).resourceMetrics ?? []).flatMap((resource) =>
    (resource.scopeMetrics ?? []).flatMap((scope) => scope.metrics ?? []),
  );
  return metrics
    .filter((metric) => metric.name === name)
    .flatMap((metric) => (metric.gauge ?? metric.sum)?.dataPoints ?? [])
    .map((point) => ({ attributes: decodeAttributes(point.attributes), value: point.asDouble ?? point.asInt }));
}

export interface GpuTestRun {
  telemetry(options?: InitOptions): TestTelemetry<DefaultTagSchema>;
  sampler(options?: GpuSamplerOptions): Promise<GpuSampler>;
}

/**
 * Call at the top of a test file: after each test, stops the sampler started
 * last (its tool process must not outlive the test), then shuts the telemetry down.
 */
export function useGpuTestRun(): GpuTestRun {
  let telemetry: TestTelemetry<DefaultTagSchema> | undefined;
  let sampler: GpuSampler | undefined;
  afterEach(async () => {
    await sampler?.stop();
    await telemetry?.shutdown();
    sampler = undefined;
    telemetry = undefined;
  });
  return {
    telemetry: (options) => (telemetry = setupTestTelemetry(options)),
    sampler: async (options) => (sampler = await startGpuSampler(options)),
  };
}
