import { readFileSync } from 'node:fs';
import { SpanKind } from '@opentelemetry/api';
import { configurePricing, readInternalCounter, semconv } from '@sightline/core';
import { SightlineCallbackHandler } from '@sightline/langchain';
import { expectTree, setupTestTelemetry, type TestTelemetry } from '@sightline/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FixtureChatModel, untaggedAttributes, type ProviderFixture, PROMPT_HASH } from './helpers.js';

const fixture = (name: string): ProviderFixture =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')) as ProviderFixture;

let telemetry: TestTelemetry<never>;
beforeEach(() => {
  telemetry = setupTestTelemetry() as unknown as TestTelemetry<never>;
});
afterEach(async () => {
  configurePricing({});
  await telemetry.shutdown();
});

const A = semconv;
interface Case {
  name: string;
  spanName: string;
  attributes: Record<string, unknown>;
  /** Hand computation from the catalog's USD-per-1M prices. */
  cost: number;
}

const cases: Case[] = [
  {
    name: 'openai',
    spanName: 'chat o3-mini',
    attributes: {
      [A.ATTR_GEN_AI_PROVIDER_NAME]: 'openai',
      [A.ATTR_GEN_AI_REQUEST_MODEL]: 'o3-mini',
      [A.ATTR_GEN_AI_RESPONSE_MODEL]: 'o3-mini-2025-01-31',
      [A.ATTR_GEN_AI_RESPONSE_ID]: 'chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG',
      [A.ATTR_GEN_AI_RESPONSE_FINISH_REASONS]: ['stop'],
      [A.ATTR_GEN_AI_USAGE_INPUT_TOKENS]: 1200,
      [A.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: 300,
      [A.ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS]: 1024,
      [A.ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS]: 192,
    },
    // o3-mini: input 1.10, cached 0.55, output (and reasoning) 4.40
    cost: (176 * 1.1 + 1024 * 0.55 + 108 * 4.4 + 192 * 4.4) / 1e6,
  },
  {
    name: 'azure-openai',
    spanName: 'chat support-prod',
    attributes: {
      [A.ATTR_GEN_AI_PROVIDER_NAME]: 'azure.ai.openai',
      [A.ATTR_GEN_AI_REQUEST_MODEL]: 'support-prod',
      [A.ATTR_GEN_AI_RESPONSE_ID]: 'chatcmpl-AzureA1b2c3',
      [A.ATTR_GEN_AI_RESPONSE_FINISH_REASONS]: ['stop'],
      [A.ATTR_GEN_AI_USAGE_INPUT_TOKENS]: 2048,
      [A.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: 150,
      [A.ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS]: 1536,
      [A.ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS]: 0,
    },
    // deployment support-prod → gpt-4o: input 2.50, cached 1.25, output 10
    cost: (512 * 2.5 + 1536 * 1.25 + 150 * 10) / 1e6,
  },
  {
    name: 'anthropic',
    spanName: 'chat claude-sonnet-4-20250514',
    attributes: {
      [A.ATTR_GEN_AI_PROVIDER_NAME]: 'anthropic',
      [A.ATTR_GEN_AI_REQUEST_MODEL]: 'claude-sonnet-4-20250514',
      [A.ATTR_GEN_AI_RESPONSE_MODEL]: 'claude-sonnet-4-20250514',
      [A.ATTR_GEN_AI_RESPONSE_ID]: 'msg_01XFDUDYJgAACzvnptvVoYEL',
      [A.ATTR_GEN_AI_RESPONSE_FINISH_REASONS]: ['end_turn'],
      [A.ATTR_GEN_AI_USAGE_INPUT_TOKENS]: 10050,
      [A.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: 400,
      [A.ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS]: 8000,
      [A.ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS]: 2000,
    },
    // claude-sonnet-4: input 3, cache read 0.30, cache write 3.75, output 15
    cost: (50 * 3 + 8000 * 0.3 + 2000 * 3.75 + 400 * 15) / 1e6,
  },
  {
    name: 'bedrock-converse',
    spanName: 'chat anthropic.claude-3-5-haiku-20241022-v1:0',
    attributes: {
      [A.ATTR_GEN_AI_PROVIDER_NAME]: 'aws.bedrock',
      [A.ATTR_GEN_AI_REQUEST_MODEL]: 'anthropic.claude-3-5-haiku-20241022-v1:0',
      [A.ATTR_GEN_AI_RESPONSE_FINISH_REASONS]: ['end_turn'],
      [A.ATTR_GEN_AI_USAGE_INPUT_TOKENS]: 1300,
      [A.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: 120,
      [A.ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS]: 800,
      [A.ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS]: 200,
    },
    // claude-3-5-haiku: input 0.80, cache read 0.08, cache write 1.00, output 4
    cost: (300 * 0.8 + 800 * 0.08 + 200 * 1 + 120 * 4) / 1e6,
  },
  {
    name: 'bedrock-invoke-model',
    spanName: 'chat us.amazon.nova-lite-v1:0',
    attributes: {
      [A.ATTR_GEN_AI_PROVIDER_NAME]: 'aws.bedrock',
      [A.ATTR_GEN_AI_REQUEST_MODEL]: 'us.amazon.nova-lite-v1:0',
      [A.ATTR_GEN_AI_RESPONSE_FINISH_REASONS]: ['end_turn'],
      [A.ATTR_GEN_AI_USAGE_INPUT_TOKENS]: 1400,
      [A.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: 250,
      [A.ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS]: 400,
      [A.ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS]: 0,
    },
    // nova-lite: input 0.06, cache read 0.015, output 0.24
    cost: (1000 * 0.06 + 400 * 0.015 + 250 * 0.24) / 1e6,
  },
  {
    name: 'gemini',
    spanName: 'chat gemini-2.5-flash',
    attributes: {
      [A.ATTR_GEN_AI_PROVIDER_NAME]: 'gcp.gemini',
      [A.ATTR_GEN_AI_REQUEST_MODEL]: 'gemini-2.5-flash',
      [A.ATTR_GEN_AI_RESPONSE_MODEL]: 'gemini-2.5-flash',
      [A.ATTR_GEN_AI_RESPONSE_FINISH_REASONS]: ['STOP'],
      [A.ATTR_GEN_AI_USAGE_INPUT_TOKENS]: 5000,
      [A.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: 1500,
      [A.ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS]: 4096,
      [A.ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS]: 900,
    },
    // gemini-2.5-flash: input 0.30, cached 0.03, output (thinking included) 2.50
    cost: (904 * 0.3 + 4096 * 0.03 + 600 * 2.5 + 900 * 2.5) / 1e6,
  },
];

describe('provider fixtures', () => {
  it.each(cases)('$name: token attributes from the provider shape and a cost equal to the hand computation', async (expected) => {
    configurePricing({ aliases: { 'support-prod': 'gpt-4o' } });
    const handler = new SightlineCallbackHandler();
    const model = new FixtureChatModel(fixture(expected.name));
    await model.invoke('hello', { callbacks: [handler] });
    const [span] = telemetry.spans();
    const cost = span?.attributes[A.ATTR_SIGHTLINE_COST_USD];
    expect(cost).toBeCloseTo(expected.cost, 15);
    expectTree(telemetry.spans(), {
      name: expected.spanName,
      kind: SpanKind.CLIENT,
      attributes: {
        [A.ATTR_GEN_AI_OPERATION_NAME]: 'chat',
        ...PROMPT_HASH,
        ...expected.attributes,
        [A.ATTR_SIGHTLINE_COST_USD]: cost,
        ...untaggedAttributes,
      },
    });
    const input = expected.attributes[A.ATTR_GEN_AI_USAGE_INPUT_TOKENS];
    const tokenPoints = await telemetry.points(A.METRIC_GEN_AI_CLIENT_TOKEN_USAGE);
    // Cached and reasoning tokens are token types of their own, as reported on the span.
    const details = (
      [
        [A.GEN_AI_TOKEN_TYPE_CACHE_READ, A.ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS],
        [A.GEN_AI_TOKEN_TYPE_CACHE_CREATION, A.ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS],
        [A.GEN_AI_TOKEN_TYPE_REASONING, A.ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS],
      ] as const
    ).flatMap(([type, key]) => (expected.attributes[key] === undefined ? [] : [[type, expected.attributes[key]]]));
    expect(tokenPoints.map((point) => [point.attributes[A.ATTR_GEN_AI_TOKEN_TYPE], (point.value as { sum: number }).sum]).sort()).toEqual(
      [['input', input], ['output', expected.attributes[A.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]], ...details].sort(),
    );
    const costPoints = await telemetry.points(A.METRIC_SIGHTLINE_LLM_COST);
    expect(costPoints).toHaveLength(1);
    expect(costPoints[0]?.value).toBeCloseTo(expected.cost, 15);
  });

  it('prefers usage_metadata over provider shapes, and records duration with the semconv attributes', async () => {
    const base = fixture('openai');
    const model = new FixtureChatModel(base);
    const original = model._generate.bind(model);
    model._generate = async (...args) => {
      const result = await original(...args);
      const message = result.generations[0]!.message as { usage_metadata?: unknown };
      message.usage_metadata = { input_tokens: 7, output_tokens: 3, total_tokens: 10 };
      return result;
    };
    await model.invoke('hi', { callbacks: [new SightlineCallbackHandler()] });
    expect(telemetry.spans()[0]?.attributes).toMatchObject({
      [A.ATTR_GEN_AI_USAGE_INPUT_TOKENS]: 7,
      [A.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: 3,
    });
    expect(telemetry.spans()[0]?.attributes[A.ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS]).toBeUndefined();
    const durations = await telemetry.points(A.METRIC_GEN_AI_CLIENT_OPERATION_DURATION);
    expect(durations.map((point) => point.attributes)).toEqual([
      {
        [A.ATTR_GEN_AI_OPERATION_NAME]: 'chat',
        [A.ATTR_GEN_AI_PROVIDER_NAME]: 'openai',
        [A.ATTR_GEN_AI_REQUEST_MODEL]: 'o3-mini',
        [A.ATTR_GEN_AI_RESPONSE_MODEL]: 'o3-mini-2025-01-31',
        ...untaggedAttributes,
      },
    ]);
  });

  it('falls back to the integration class name when there is no ls_provider', async () => {
    class ChatAnthropic extends FixtureChatModel {}
    const base = fixture('anthropic');
    await new ChatAnthropic({ ...base, lsParams: { ls_model_name: 'claude-3-5-haiku-latest' } }).invoke('hi', {
      callbacks: [new SightlineCallbackHandler()],
    });
    expect(telemetry.spans()[0]?.attributes[A.ATTR_GEN_AI_PROVIDER_NAME]).toBe('anthropic');
  });

  it('gives an unknown model no cost attribute and no cost metric, and counts it as unpriced', async () => {
    const labels = { [A.ATTR_GEN_AI_REQUEST_MODEL]: 'acme-llm-9' };
    const before = readInternalCounter(A.METRIC_SIGHTLINE_COST_UNPRICED, labels);
    const unknown = { ...fixture('openai'), lsParams: { ls_provider: 'openai', ls_model_name: 'acme-llm-9' } };
    unknown.message = { ...unknown.message, response_metadata: { ...unknown.message.response_metadata, model_name: 'acme-llm-9' } };
    await new FixtureChatModel(unknown).invoke('hi', { callbacks: [new SightlineCallbackHandler()] });
    const attributes = telemetry.spans()[0]?.attributes ?? {};
    expect(attributes[A.ATTR_GEN_AI_USAGE_INPUT_TOKENS]).toBe(1200);
    expect(attributes[A.ATTR_SIGHTLINE_COST_USD]).toBeUndefined();
    expect(await telemetry.points(A.METRIC_SIGHTLINE_LLM_COST)).toEqual([]);
    expect(readInternalCounter(A.METRIC_SIGHTLINE_COST_UNPRICED, labels)).toBe(before + 1);
  });

  it('marks missing usage instead of inventing it, and counts it', async () => {
    const labels = { [A.ATTR_GEN_AI_PROVIDER_NAME]: 'openai', [A.ATTR_GEN_AI_REQUEST_MODEL]: 'gpt-4o' };
    const before = readInternalCounter(A.METRIC_SIGHTLINE_USAGE_MISSING, labels);
    const bare: ProviderFixture = {
      description: 'no usage',
      source: 'test',
      lsParams: { ls_provider: 'openai', ls_model_name: 'gpt-4o' },
      message: { content: 'ok', response_metadata: {} },
    };
    await new FixtureChatModel(bare).invoke('hi', { callbacks: [new SightlineCallbackHandler()] });
    expectTree(telemetry.spans(), {
      name: 'chat gpt-4o',
      attributes: {
        [A.ATTR_GEN_AI_OPERATION_NAME]: 'chat',
        ...PROMPT_HASH,
        [A.ATTR_GEN_AI_PROVIDER_NAME]: 'openai',
        [A.ATTR_GEN_AI_REQUEST_MODEL]: 'gpt-4o',
        [A.ATTR_SIGHTLINE_USAGE_MISSING]: true,
        ...untaggedAttributes,
      },
    });
    expect(await telemetry.points(A.METRIC_GEN_AI_CLIENT_TOKEN_USAGE)).toEqual([]);
    expect(readInternalCounter(A.METRIC_SIGHTLINE_USAGE_MISSING, labels)).toBe(before + 1);
  });
});
