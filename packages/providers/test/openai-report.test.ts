// `sightline report` and `sightline diagnose` read direct client calls as they read LangChain's:
// cost by team, redundant prompts (by the prompt fingerprint), and the model provider layer.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trace } from '@opentelemetry/api';
import { buildReport, diagnoseTrace } from '@sightline/cli';
import { withTags } from '@sightline/core';
import { setupTestTelemetry, startReplayServer, type ReplayServer } from '@sightline/testing';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { json, openaiClients, routes } from './support/openai-replay.js';

let telemetry: ReturnType<typeof setupTestTelemetry>;
let server: ReplayServer;
let dir: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sightline-providers-report-'));
  telemetry = setupTestTelemetry({ exporters: { file: { dir } } });
  server = await startReplayServer(routes({ chat: () => json('chat-completion') }));
});
afterEach(async () => {
  await telemetry.shutdown();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

it('reports the calls by team with their cost, finds the repeated prompt, and diagnoses the model provider layer', async () => {
  const { instrumented } = openaiClients(server);
  const ask = () => instrumented.chat.completions.create({ model: 'o4-mini', messages: [{ role: 'user', content: 'Capital of France?' }] });
  const traceId = await withTags({ team: 'search', feature: 'faq' }, () =>
    trace.getTracer('app').startActiveSpan('POST /ask', async (span) => {
      await ask();
      await ask();
      await ask();
      span.end();
      return span.spanContext().traceId;
    }),
  );
  await telemetry.obs.forceFlush();

  const { report } = await buildReport({ dir, by: ['team'] });
  const perCall = (176 * 1.1 + 1024 * 0.275 + 300 * 4.4) / 1e6;
  expect(report.totals.modelCalls).toBe(3);
  expect(report.totals.costUsd).toBeCloseTo(3 * perCall, 12);
  expect(report.groups.map((group) => [group.key, group.modelCalls])).toEqual([[{ team: 'search' }, 3]]);
  expect(report.insights.redundantCalls.redundantCalls).toBe(2);

  const diagnosis = await diagnoseTrace({ dir, traceId });
  expect(diagnosis.layers.find((layer) => layer.layer === 'model provider')?.spans).toBe(3);
});
