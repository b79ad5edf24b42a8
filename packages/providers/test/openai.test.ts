// The openai client's non-streamed calls, end to end through the real client against recorded
// responses: the app gets exactly what an uninstrumented client gets, and the span, cost and
// tagged metrics follow the model-call contract.
import { SpanKind, trace } from '@opentelemetry/api';
import { semconv, withTags } from '@sightline/core';
import { expectTree } from '@sightline/testing';
import { AzureOpenAI } from 'openai';
import { instrumentOpenAI } from '@sightline/providers/openai';
import { beforeEach, describe, expect, it } from 'vitest';
import { useReplayHarness } from './replay-harness.js';
import { json, openaiClients, routes } from './support/openai-replay.js';

const harness = useReplayHarness();
beforeEach(() => harness.restart({ pricing: { aliases: { 'prod-chat': 'gpt-4o-mini' } } }));
beforeEach(() => harness.server.respond(routes({ chat: () => json('chat-completion'), responses: () => json('responses') })));

const PROMPT_HASH = { [semconv.ATTR_SIGHTLINE_PROMPT_HASH]: expect.stringMatching(/^[0-9a-f]{32}$/) };
const TAGS = { project: 'untagged', team: 'search', cost_center: 'untagged', feature: 'untagged', environment: 'untagged' };
const server_ = () => ({
  [semconv.ATTR_SERVER_ADDRESS]: '127.0.0.1',
  [semconv.ATTR_SERVER_PORT]: Number(new URL(harness.server.url).port),
});

/** Runs `fn` inside a `handle request` span with team=search, as an app's request handler would. */
function inRequest<T>(fn: () => Promise<T>): Promise<T> {
  return withTags({ team: 'search' }, () =>
    trace.getTracer('app').startActiveSpan('handle request', async (span) => {
      try {
        return await fn();
      } finally {
        span.end();
      }
    }),
  );
}

describe('instrumentOpenAI: chat completions', () => {
  it('returns what the bare client returns and records one chat span with usage, cost and tags', async () => {
    const { bare, instrumented } = openaiClients(harness.server);
    const request = { model: 'o4-mini', messages: [{ role: 'user' as const, content: 'Capital of France?' }], max_completion_tokens: 500 };
    const expected = await bare.chat.completions.create(request);
    harness.telemetry.reset();
    const result = await inRequest(() => instrumented.chat.completions.create(request));

    expect(result).toEqual(expected);
    // 176 fresh input at $1.10/M, 1024 cached at $0.275/M, 300 output (192 of them reasoning) at $4.40/M.
    const cost = (176 * 1.1 + 1024 * 0.275 + 300 * 4.4) / 1e6;
    expectTree(harness.telemetry.spans(), {
      name: 'handle request',
      children: [
        {
          name: 'chat o4-mini',
          kind: SpanKind.CLIENT,
          attributes: {
            [semconv.ATTR_GEN_AI_OPERATION_NAME]: semconv.GEN_AI_OPERATION_CHAT,
            [semconv.ATTR_GEN_AI_PROVIDER_NAME]: semconv.GEN_AI_PROVIDER_OPENAI,
            [semconv.ATTR_GEN_AI_REQUEST_MODEL]: 'o4-mini',
            [semconv.ATTR_GEN_AI_REQUEST_MAX_TOKENS]: 500,
            ...server_(),
            ...PROMPT_HASH,
            ...TAGS,
            [semconv.ATTR_GEN_AI_RESPONSE_MODEL]: 'o4-mini-2025-04-16',
            [semconv.ATTR_GEN_AI_RESPONSE_ID]: 'chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG',
            [semconv.ATTR_GEN_AI_RESPONSE_FINISH_REASONS]: ['stop'],
            [semconv.ATTR_GEN_AI_USAGE_INPUT_TOKENS]: 1200,
            [semconv.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: 300,
            [semconv.ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS]: 1024,
            [semconv.ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS]: 192,
            [semconv.ATTR_SIGHTLINE_COST_USD]: expect.closeTo(cost, 12),
          },
        },
      ],
    });
    const labels = {
      [semconv.ATTR_GEN_AI_OPERATION_NAME]: semconv.GEN_AI_OPERATION_CHAT,
      [semconv.ATTR_GEN_AI_PROVIDER_NAME]: semconv.GEN_AI_PROVIDER_OPENAI,
      [semconv.ATTR_GEN_AI_REQUEST_MODEL]: 'o4-mini',
      [semconv.ATTR_GEN_AI_RESPONSE_MODEL]: 'o4-mini-2025-04-16',
      ...TAGS,
    };
    expect(await harness.telemetry.points(semconv.METRIC_SIGHTLINE_LLM_COST)).toEqual([
      { attributes: labels, value: expect.closeTo(cost, 12) },
    ]);
    const tokens = await harness.telemetry.points(semconv.METRIC_GEN_AI_CLIENT_TOKEN_USAGE);
    expect(tokens.map(({ attributes, value }) => [attributes[semconv.ATTR_GEN_AI_TOKEN_TYPE], (value as { sum: number }).sum])).toEqual([
      [semconv.GEN_AI_TOKEN_TYPE_INPUT, 1200],
      [semconv.GEN_AI_TOKEN_TYPE_OUTPUT, 300],
      [semconv.GEN_AI_TOKEN_TYPE_CACHE_READ, 1024],
      [semconv.GEN_AI_TOKEN_TYPE_REASONING, 192],
    ]);
    expect(tokens[0]?.attributes).toEqual({ ...labels, [semconv.ATTR_GEN_AI_TOKEN_TYPE]: semconv.GEN_AI_TOKEN_TYPE_INPUT });
  });

  it('records a tool call as the tool_calls finish reason, and the app gets the tool call unchanged', async () => {
    harness.server.respond(routes({ chat: () => json('chat-tool-call') }));
    const { bare, instrumented } = openaiClients(harness.server);
    const request = {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user' as const, content: 'Weather in Boston?' }],
      tools: [{ type: 'function' as const, function: { name: 'get_current_weather', parameters: { type: 'object', properties: {} } } }],
    };
    const expected = await bare.chat.completions.create(request);
    harness.telemetry.reset();
    const result = await inRequest(() => instrumented.chat.completions.create(request));
    expect(result).toEqual(expected);
    expect(result.choices[0]?.message.tool_calls?.[0]).toMatchObject({ function: { name: 'get_current_weather' } });
    const span = harness.telemetry.spans().find((one) => one.name === 'chat gpt-4o-mini');
    expect(span?.attributes).toMatchObject({
      [semconv.ATTR_GEN_AI_RESPONSE_FINISH_REASONS]: ['tool_calls'],
      [semconv.ATTR_GEN_AI_USAGE_INPUT_TOKENS]: 82,
      [semconv.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: 17,
      [semconv.ATTR_SIGHTLINE_COST_USD]: expect.closeTo((82 * 0.15 + 17 * 0.6) / 1e6, 12),
    });
  });

  it('keeps the APIPromise helpers: withResponse() parses as usual, asResponse() leaves the body to the app', async () => {
    const { instrumented } = openaiClients(harness.server);
    const request = { model: 'o4-mini', messages: [{ role: 'user' as const, content: 'hi' }] };
    const { data, response } = await instrumented.chat.completions.create(request).withResponse();
    expect(data.id).toBe('chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG');
    expect(response.status).toBe(200);
    const raw = await instrumented.chat.completions.create(request).asResponse();
    expect(((await raw.json()) as { id: string }).id).toBe('chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG');
    await new Promise((resolve) => setImmediate(resolve));
    const [parsed, unread] = harness.telemetry.spans();
    expect(parsed?.attributes[semconv.ATTR_GEN_AI_USAGE_INPUT_TOKENS]).toBe(1200);
    // The raw body was the app's to read: the call is recorded, its usage marked missing.
    expect(unread?.attributes[semconv.ATTR_SIGHTLINE_USAGE_MISSING]).toBe(true);
    expect(unread?.attributes[semconv.ATTR_GEN_AI_USAGE_INPUT_TOKENS]).toBeUndefined();
  });

  it('instruments a client once, however often it is called', async () => {
    const { instrumented } = openaiClients(harness.server);
    instrumentOpenAI(instrumentOpenAI(instrumented));
    await instrumented.chat.completions.create({ model: 'o4-mini', messages: [{ role: 'user', content: 'hi' }] });
    expect(harness.telemetry.spans().map((span) => span.name)).toEqual(['chat o4-mini']);
  });

  it('records the calls of a client made by withOptions(), once each', async () => {
    const { instrumented } = openaiClients(harness.server);
    const copy = instrumented.withOptions({ timeout: 5_000 });
    await copy.chat.completions.create({ model: 'o4-mini', messages: [{ role: 'user', content: 'hi' }] });
    await instrumented.chat.completions.create({ model: 'o4-mini', messages: [{ role: 'user', content: 'hi' }] });
    expect(harness.telemetry.spans().map((span) => span.name)).toEqual(['chat o4-mini', 'chat o4-mini']);
  });

  it('counts a model without a price as unpriced, never $0', async () => {
    const body = (json('chat-completion') as { body: Record<string, unknown> }).body;
    harness.server.respond(routes({ chat: () => ({ kind: 'json', body: { ...body, model: 'my-local-llm' } }) }));
    const { instrumented } = openaiClients(harness.server);
    await instrumented.chat.completions.create({ model: 'my-local-llm', messages: [{ role: 'user', content: 'hi' }] });
    const [span] = harness.telemetry.spans();
    expect(span?.attributes[semconv.ATTR_SIGHTLINE_COST_USD]).toBeUndefined();
    expect(await harness.telemetry.points(semconv.METRIC_SIGHTLINE_COST_UNPRICED)).toEqual([
      { attributes: { [semconv.ATTR_GEN_AI_REQUEST_MODEL]: 'my-local-llm' }, value: 1 },
    ]);
  });
});

describe('instrumentOpenAI: Azure OpenAI', () => {
  it('names the deployment as the model, the provider azure.ai.openai, and prices through the alias map', async () => {
    const body = (json('chat-completion') as { body: Record<string, unknown> }).body;
    // A fine-tuned deployment answers under a model name no catalog knows: the deployment's alias prices it.
    harness.server.respond(routes({ chat: () => ({ kind: 'json', body: { ...body, model: 'gpt-4o-mini-2024-07-18.ft-9d8c7b' } }) }));
    const azure = instrumentOpenAI(
      new AzureOpenAI({ endpoint: harness.server.url, apiKey: 'test', apiVersion: '2024-10-21', deployment: 'prod-chat', maxRetries: 0 }),
    );
    await azure.chat.completions.create({ model: 'ignored-by-azure', messages: [{ role: 'user', content: 'hi' }] });
    expect(harness.server.requests.at(-1)?.path).toBe('/openai/deployments/prod-chat/chat/completions');
    const [span] = harness.telemetry.spans();
    expect(span?.name).toBe('chat prod-chat');
    expect(span?.attributes).toMatchObject({
      [semconv.ATTR_GEN_AI_PROVIDER_NAME]: semconv.GEN_AI_PROVIDER_AZURE_OPENAI,
      [semconv.ATTR_GEN_AI_REQUEST_MODEL]: 'prod-chat',
      [semconv.ATTR_GEN_AI_RESPONSE_MODEL]: 'gpt-4o-mini-2024-07-18.ft-9d8c7b',
      // gpt-4o-mini: 176 fresh input at $0.15/M, 1024 cached at $0.075/M, 300 output at $0.60/M.
      [semconv.ATTR_SIGHTLINE_COST_USD]: expect.closeTo((176 * 0.15 + 1024 * 0.075 + 300 * 0.6) / 1e6, 12),
    });
  });
});

describe('instrumentOpenAI: Responses API and embeddings', () => {
  it('records a Responses API call with its usage and the app gets the same response, output_text included', async () => {
    const { bare, instrumented } = openaiClients(harness.server);
    const request = { model: 'gpt-4.1', input: 'Tell me a three sentence bedtime story about a unicorn.' };
    const expected = await bare.responses.create(request);
    harness.telemetry.reset();
    const result = await inRequest(() => instrumented.responses.create(request));
    expect(result).toEqual(expected);
    expect(result.output_text).toBe(expected.output_text);
    const span = harness.telemetry.spans().find((one) => one.name === 'chat gpt-4.1');
    expect(span?.attributes).toEqual({
      [semconv.ATTR_GEN_AI_OPERATION_NAME]: semconv.GEN_AI_OPERATION_CHAT,
      [semconv.ATTR_GEN_AI_PROVIDER_NAME]: semconv.GEN_AI_PROVIDER_OPENAI,
      [semconv.ATTR_GEN_AI_REQUEST_MODEL]: 'gpt-4.1',
      ...server_(),
      ...PROMPT_HASH,
      ...TAGS,
      [semconv.ATTR_GEN_AI_RESPONSE_MODEL]: 'gpt-4.1-2025-04-14',
      [semconv.ATTR_GEN_AI_RESPONSE_ID]: 'resp_67ccd2bed1ec8190b14f964abc0542670bb6a6b452d3795b',
      [semconv.ATTR_GEN_AI_RESPONSE_FINISH_REASONS]: ['stop'],
      [semconv.ATTR_GEN_AI_USAGE_INPUT_TOKENS]: 36,
      [semconv.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: 87,
      [semconv.ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS]: 0,
      [semconv.ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS]: 0,
      [semconv.ATTR_SIGHTLINE_COST_USD]: expect.closeTo((36 * 2 + 87 * 8) / 1e6, 12),
    });
  });

  it('records embeddings with input tokens only, and the vectors reach the app decoded as without Sightline', async () => {
    const { bare, instrumented } = openaiClients(harness.server);
    const request = { model: 'text-embedding-3-small', input: 'The food was delicious and the waiter...' };
    const expected = await bare.embeddings.create(request);
    harness.telemetry.reset();
    const result = await inRequest(() => instrumented.embeddings.create(request));
    expect(result).toEqual(expected);
    expect(result.data[0]?.embedding).toHaveLength(4);
    const span = harness.telemetry.spans().find((one) => one.name === 'embeddings text-embedding-3-small');
    expect(span?.attributes).toEqual({
      [semconv.ATTR_GEN_AI_OPERATION_NAME]: semconv.GEN_AI_OPERATION_EMBEDDINGS,
      [semconv.ATTR_GEN_AI_PROVIDER_NAME]: semconv.GEN_AI_PROVIDER_OPENAI,
      [semconv.ATTR_GEN_AI_REQUEST_MODEL]: 'text-embedding-3-small',
      ...server_(),
      ...TAGS,
      [semconv.ATTR_GEN_AI_RESPONSE_MODEL]: 'text-embedding-3-small',
      [semconv.ATTR_GEN_AI_USAGE_INPUT_TOKENS]: 8,
      [semconv.ATTR_SIGHTLINE_COST_USD]: expect.closeTo((8 * 0.02) / 1e6, 15),
    });
    const tokens = await harness.telemetry.points(semconv.METRIC_GEN_AI_CLIENT_TOKEN_USAGE);
    expect(tokens.map(({ attributes }) => attributes[semconv.ATTR_GEN_AI_TOKEN_TYPE])).toEqual([semconv.GEN_AI_TOKEN_TYPE_INPUT]);
  });
});
