import { context, SpanKind, trace, type Attributes } from '@opentelemetry/api';
import { semconv } from '@sightline/core';
import { describe, expect, it, vi } from 'vitest';
import { expectTree, type TestTelemetry } from '@sightline/testing';
import type { GpuSampler, GpuSamplerOptions, GpuSnapshot } from '../src/index.js';
import { FAKE_NVIDIA_SMI, GPU0, GPU1, MIB, useGpuTestRun } from './helpers.js';

const UNTAGGED = semconv.UNTAGGED_VALUE;
const tags = { project: UNTAGGED, team: UNTAGGED, cost_center: UNTAGGED, feature: UNTAGGED, environment: UNTAGGED };
const tracer = () => trace.getTracer('hand-made-model-spans');

const run = useGpuTestRun();

/** Telemetry and a sampler on the fake tool, once its first batch is in. */
async function start(options: GpuSamplerOptions = {}): Promise<{ telemetry: TestTelemetry<never>; sampler: GpuSampler }> {
  const telemetry = run.telemetry();
  const sampler = await run.sampler({ command: FAKE_NVIDIA_SMI, intervalMs: 60_000, ...options });
  await vi.waitFor(() => expect(sampler.latest()).toHaveLength(2));
  return { telemetry, sampler };
}

const chat = (provider: string, model = 'llama3.1:8b'): Attributes => ({
  [semconv.ATTR_GEN_AI_OPERATION_NAME]: semconv.GEN_AI_OPERATION_CHAT,
  [semconv.ATTR_GEN_AI_PROVIDER_NAME]: provider,
  [semconv.ATTR_GEN_AI_REQUEST_MODEL]: model,
});

function modelCall(attributes: Attributes, name = `chat ${String(attributes[semconv.ATTR_GEN_AI_REQUEST_MODEL])}`): void {
  tracer().startSpan(name, { kind: SpanKind.CLIENT, attributes }).end();
}

const snapshotOf = (gpu: GpuSnapshot, phase: 'start' | 'end'): Attributes => ({
  [semconv.ATTR_SIGHTLINE_GPU_ID]: gpu.id,
  ...(gpu.utilization === undefined
    ? {}
    : { [phase === 'start' ? semconv.ATTR_SIGHTLINE_GPU_UTILIZATION_START : semconv.ATTR_SIGHTLINE_GPU_UTILIZATION_END]: gpu.utilization }),
  [phase === 'start' ? semconv.ATTR_SIGHTLINE_GPU_MEMORY_USAGE_START : semconv.ATTR_SIGHTLINE_GPU_MEMORY_USAGE_END]: gpu.memoryUsedBytes!,
});

describe('GPU snapshot on model-call spans', () => {
  it('puts the serving GPU at start and at end on a self-hosted model span, inside the agent tree', async () => {
    const { telemetry, sampler: running } = await start({ intervalMs: 100 });
    const agent = tracer().startSpan('invoke_agent support', {
      attributes: { [semconv.ATTR_GEN_AI_OPERATION_NAME]: semconv.GEN_AI_OPERATION_INVOKE_AGENT },
    });
    const parent = trace.setSpan(context.active(), agent);
    const atStart = running.latest()[0]!;
    const model = tracer().startSpan('chat llama3.1:8b', { kind: SpanKind.CLIENT, attributes: chat('ollama') }, parent);
    // The fake moves on to its next frame, so start and end differ.
    await vi.waitFor(() => expect(running.latest()[0]!.sampledAt).toBeGreaterThan(atStart.sampledAt), { interval: 20 });
    const atEnd = running.latest()[0]!;
    model.end();
    agent.end();

    expect(atStart.id).toBe(GPU0.id); // the GPU holding the most memory
    expectTree(telemetry.spans(), {
      name: 'invoke_agent support',
      attributes: { ...tags, [semconv.ATTR_GEN_AI_OPERATION_NAME]: semconv.GEN_AI_OPERATION_INVOKE_AGENT },
      children: [
        {
          name: 'chat llama3.1:8b',
          kind: SpanKind.CLIENT,
          attributes: { ...tags, ...chat('ollama'), ...snapshotOf(atStart, 'start'), ...snapshotOf(atEnd, 'end') },
        },
      ],
    });
  });

  it('leaves hosted providers alone by default, and enriches them when all providers are opted in', async () => {
    const hostedOff = await start();
    modelCall(chat('openai', 'gpt-4o-mini'));
    modelCall(chat('vllm', 'Qwen2.5-7B'));
    const gpu0AtFirstBatch = {
      [semconv.ATTR_SIGHTLINE_GPU_ID]: GPU0.id,
      [semconv.ATTR_SIGHTLINE_GPU_UTILIZATION_START]: 0.87,
      [semconv.ATTR_SIGHTLINE_GPU_MEMORY_USAGE_START]: 61234 * MIB,
      [semconv.ATTR_SIGHTLINE_GPU_UTILIZATION_END]: 0.87,
      [semconv.ATTR_SIGHTLINE_GPU_MEMORY_USAGE_END]: 61234 * MIB,
    };
    expectTree(hostedOff.telemetry.spans(), [
      { name: 'chat gpt-4o-mini', attributes: { ...tags, ...chat('openai', 'gpt-4o-mini') } },
      { name: 'chat Qwen2.5-7B', attributes: { ...tags, ...chat('vllm', 'Qwen2.5-7B'), ...gpu0AtFirstBatch } },
    ]);
    await hostedOff.sampler.stop();
    await hostedOff.telemetry.shutdown();

    const allProviders = await start({ correlation: { allProviders: true } });
    modelCall(chat('openai', 'gpt-4o'));
    expectTree(allProviders.telemetry.spans(), [
      { name: 'chat gpt-4o', attributes: { ...tags, ...chat('openai', 'gpt-4o'), ...gpu0AtFirstBatch } },
    ]);
  });

  it('honours a named self-hosted provider and a chosen serving GPU, leaving out what that GPU reports as [N/A]', async () => {
    const { telemetry } = await start({ correlation: { selfHostedProviders: ['my-tgi'], servingGpu: GPU1.id } });
    modelCall(chat('my-tgi', 'mistral-7b'));
    modelCall(chat('ollama', 'phi3'), 'chat phi3');
    tracer()
      .startSpan('execute_tool search', { attributes: { [semconv.ATTR_GEN_AI_OPERATION_NAME]: semconv.GEN_AI_OPERATION_EXECUTE_TOOL } })
      .end();

    const gpu1 = {
      [semconv.ATTR_SIGHTLINE_GPU_ID]: GPU1.id,
      [semconv.ATTR_SIGHTLINE_GPU_MEMORY_USAGE_START]: 4123 * MIB,
      [semconv.ATTR_SIGHTLINE_GPU_MEMORY_USAGE_END]: 4123 * MIB,
    };
    expectTree(telemetry.spans(), [
      { name: 'chat mistral-7b', attributes: { ...tags, ...chat('my-tgi', 'mistral-7b'), ...gpu1 } },
      { name: 'chat phi3', attributes: { ...tags, ...chat('ollama', 'phi3'), ...gpu1 } },
      { name: 'execute_tool search', attributes: { ...tags, [semconv.ATTR_GEN_AI_OPERATION_NAME]: semconv.GEN_AI_OPERATION_EXECUTE_TOOL } },
    ]);
  });

  it('takes the start snapshot even when the instrumentation names the provider after start', async () => {
    const { telemetry } = await start({ correlation: { servingGpu: 0 } });
    const span = tracer().startSpan('chat llama3.1:8b', { kind: SpanKind.CLIENT });
    span.setAttributes(chat('ollama'));
    span.end();
    expect(telemetry.spans()[0]?.attributes).toEqual({
      ...tags,
      ...chat('ollama'),
      [semconv.ATTR_SIGHTLINE_GPU_ID]: GPU0.id,
      [semconv.ATTR_SIGHTLINE_GPU_UTILIZATION_START]: 0.87,
      [semconv.ATTR_SIGHTLINE_GPU_MEMORY_USAGE_START]: 61234 * MIB,
      [semconv.ATTR_SIGHTLINE_GPU_UTILIZATION_END]: 0.87,
      [semconv.ATTR_SIGHTLINE_GPU_MEMORY_USAGE_END]: 61234 * MIB,
    });
  });

  it('stops enriching once the sampler stops, and never when correlation is off', async () => {
    const stopped = await start();
    await stopped.sampler.stop();
    modelCall(chat('ollama'));
    await stopped.telemetry.shutdown();
    const off = await start({ correlation: { enabled: false } });
    modelCall(chat('vllm'));
    expect(off.telemetry.spans().map((span) => span.attributes)).toEqual([{ ...tags, ...chat('vllm') }]);
  });
});
