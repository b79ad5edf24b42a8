import { semconv, startPrometheusEndpoint, withTags } from '@sightline/core';
import { describe, expect, it, vi } from 'vitest';
import { FAKE_NVIDIA_SMI, GPU0, GPU1, hardware, MIB, useGpuTestRun } from './helpers.js';

const run = useGpuTestRun();

// A dashboard filtered by project and environment (deploy/grafana/dashboards/gpu.json) keeps a GPU
// series only when the series carries those labels: the process's own tags, never a request's.
describe('GPU series carry the process tags (issue 18)', () => {
  it('each point has the hardware identity plus the defaultTags, without span-only keys or an "untagged" fill', async () => {
    const telemetry = run.telemetry({
      defaultTags: { project: 'checkout', environment: 'production', 'user.id': 'ops-admin' },
    });
    const sampler = await run.sampler({ command: FAKE_NVIDIA_SMI, intervalMs: 60_000 });
    await vi.waitFor(() => expect(sampler.latest()).toHaveLength(2));

    const processTags = { project: 'checkout', environment: 'production' };
    // Collected inside a request: its tags still do not reach host-level series.
    const points = await withTags({ project: 'other', team: 'search', feature: 'chat' }, () =>
      telemetry.points(semconv.METRIC_HW_GPU_MEMORY_USAGE),
    );
    expect(points).toEqual([
      { attributes: { ...processTags, ...hardware(GPU0) }, value: 61234 * MIB },
      { attributes: { ...processTags, ...hardware(GPU1) }, value: 4123 * MIB },
    ]);
    expect(await telemetry.points(semconv.METRIC_HW_GPU_UTILIZATION)).toEqual([
      { attributes: { ...processTags, ...hardware(GPU0) }, value: 0.87 },
    ]);
  });

  it('without defaultTags the series carry the hardware identity alone', async () => {
    const telemetry = run.telemetry();
    const sampler = await run.sampler({ command: FAKE_NVIDIA_SMI, intervalMs: 60_000 });
    await vi.waitFor(() => expect(sampler.latest()).toHaveLength(2));
    expect((await telemetry.points(semconv.METRIC_HW_POWER)).map((point) => point.attributes)).toEqual([hardware(GPU0), hardware(GPU1)]);
  });

  it('the Prometheus endpoint serves them with project and environment labels, as the GPU dashboard filters', async () => {
    const endpoint = startPrometheusEndpoint({ port: 0 });
    run.telemetry({ defaultTags: { project: 'checkout', environment: 'production' }, pipelines: { metricReaders: [endpoint.reader] } });
    const sampler = await run.sampler({ command: FAKE_NVIDIA_SMI, intervalMs: 60_000 });
    await vi.waitFor(() => expect(sampler.latest()).toHaveLength(2));
    const text = await (await fetch(await endpoint.ready, { headers: { accept: 'text/plain' } })).text();
    const series = text.split('\n').filter((line) => line.startsWith('hw_gpu_memory_usage_bytes{'));
    // Labels sorted by name, as the endpoint writes them.
    expect(series).toEqual([
      `hw_gpu_memory_usage_bytes{environment="production",hw_id="${GPU0.id}",hw_name="${GPU0.name}",hw_type="gpu",hw_vendor="nvidia",project="checkout"} ${61234 * MIB}`,
      `hw_gpu_memory_usage_bytes{environment="production",hw_id="${GPU1.id}",hw_name="${GPU1.name}",hw_type="gpu",hw_vendor="nvidia",project="checkout"} ${4123 * MIB}`,
    ]);
  });
});
