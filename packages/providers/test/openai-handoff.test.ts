// Direct openai calls are handed to the evaluators like LangChain's: question, answer, model,
// provider and tags, streamed or not; embeddings and judge calls are not; the scores land in the report.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildReport } from '@sightline/cli';
import { semconv, withTags } from '@sightline/core';
import { evaluations, type EvaluationContext } from '@sightline/evaluation';
import { setupTestTelemetry, startReplayServer, type ReplayServer } from '@sightline/testing';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { recordingEvaluator } from './replay-harness.js';
import { json, openaiClients, routes, sse } from './support/openai-replay.js';

let telemetry: ReturnType<typeof setupTestTelemetry>;
let server: ReplayServer;
let dir: string;
const seen: EvaluationContext[] = [];

beforeEach(async () => {
  seen.length = 0;
  dir = mkdtempSync(join(tmpdir(), 'sightline-openai-handoff-'));
  telemetry = setupTestTelemetry({ exporters: { file: { dir } }, evaluation: evaluations({ evaluators: [recordingEvaluator(seen)] }) });
  server = await startReplayServer(
    routes({ chat: (request) => ((request.body as { stream?: boolean }).stream ? sse('chat-stream', request) : json('chat-completion')) }),
  );
});
afterEach(async () => {
  await telemetry.shutdown();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const question = [{ role: 'user' as const, content: 'Capital of France?' }];

it('hands a chat call and a streamed one to the evaluators, with the call’s tags; embeddings are not handed over', async () => {
  const { instrumented } = openaiClients(server);
  await withTags({ team: 'search' }, async () => {
    await instrumented.chat.completions.create({ model: 'o4-mini', messages: question });
    for await (const _chunk of await instrumented.chat.completions.create({ model: 'gpt-4o-mini', messages: question, stream: true }));
    await instrumented.embeddings.create({ model: 'text-embedding-3-small', input: 'tent' });
  });
  await telemetry.obs.forceFlush();
  const spans = telemetry.spans();
  const traceOf = (name: string) => spans.find((span) => span.name === name)?.spanContext().traceId;
  expect(seen).toEqual([
    {
      question: 'Capital of France?',
      answer: 'The capital of France is Paris.',
      model: 'o4-mini-2025-04-16',
      provider: semconv.GEN_AI_PROVIDER_OPENAI,
      tags: expect.objectContaining({ team: 'search' }),
      traceId: traceOf('chat o4-mini'),
      responseId: 'chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG',
      documents: [],
      failed: false,
    },
    {
      question: 'Capital of France?',
      answer: 'Hello there',
      model: 'gpt-4o-mini-2024-07-18',
      provider: semconv.GEN_AI_PROVIDER_OPENAI,
      tags: expect.objectContaining({ team: 'search' }),
      traceId: traceOf('chat gpt-4o-mini'),
      responseId: 'chatcmpl-123',
      documents: [],
      failed: false,
    },
  ]);
  // The scores are parented to the model spans, so the report joins them to the calls.
  const { report } = await buildReport({ dir, by: ['team'] });
  expect(report.totals.modelCalls).toBe(3);
  const records = telemetry.logs().filter((record) => record.eventName === semconv.EVENT_GEN_AI_EVALUATION_RESULT);
  expect(records.map((record) => record.spanContext?.spanId).sort()).toEqual(
    spans
      .filter((span) => span.name.startsWith('chat '))
      .map((span) => span.spanContext().spanId)
      .sort(),
  );
});
