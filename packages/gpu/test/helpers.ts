import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { semconv } from '@sightline/core';
import { setupTestTelemetry, type TestTelemetry } from '@sightline/testing';
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

export interface GpuTestRun {
  telemetry(): TestTelemetry<never>;
  sampler(options?: GpuSamplerOptions): Promise<GpuSampler>;
}

/**
 * Call at the top of a test file: after each test, stops the sampler started
 * last (its tool process must not outlive the test), then shuts the telemetry down.
 */
export function useGpuTestRun(): GpuTestRun {
  let telemetry: TestTelemetry<never> | undefined;
  let sampler: GpuSampler | undefined;
  afterEach(async () => {
    await sampler?.stop();
    await telemetry?.shutdown();
    sampler = undefined;
    telemetry = undefined;
  });
  return {
    telemetry: () => (telemetry = setupTestTelemetry()),
    sampler: async (options) => (sampler = await startGpuSampler(options)),
  };
}
