import { readFileSync } from 'node:fs';
import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { trace, type Tracer } from '@opentelemetry/api';
import { semconv } from '@sightline/core';
import type { ReplayRequest, ReplayResponse, ReplayServer } from '@sightline/testing';

/** A response recorded from a provider's documentation. */
export interface AiSdkFixture {
  description: string;
  source: string;
  response: ReplayResponse;
}

export function aiSdkFixture(name: string): ReplayResponse {
  return (JSON.parse(readFileSync(new URL(`./fixtures/ai-sdk/${name}.json`, import.meta.url), 'utf8')) as AiSdkFixture).response;
}

/** The AI SDK's OpenAI and Anthropic providers, pointed at the replay server. */
export function providers(server: ReplayServer) {
  return {
    openai: createOpenAI({ apiKey: 'test-key', baseURL: `${server.url}/v1` }),
    anthropic: createAnthropic({ apiKey: 'test-key', baseURL: `${server.url}/v1` }),
  };
}

/** Answers each endpoint with the named fixture; `chat` may pick by request (a tool loop's second step). */
export function routes(answers: {
  chat?: string | ((request: ReplayRequest) => string);
  embeddings?: string;
  messages?: string;
}): (request: ReplayRequest) => ReplayResponse | undefined {
  return (request) => {
    const pick = (answer: string | ((request: ReplayRequest) => string) | undefined) =>
      answer === undefined ? undefined : aiSdkFixture(typeof answer === 'string' ? answer : answer(request));
    if (request.path === '/v1/chat/completions') return pick(answers.chat);
    if (request.path === '/v1/embeddings') return pick(answers.embeddings);
    if (request.path === '/v1/messages') return pick(answers.messages);
    return undefined;
  };
}

/** Telemetry on, as an app turns it on for each call. */
export const TELEMETRY = { experimental_telemetry: { isEnabled: true } } as const;
/** Telemetry off: the default of `ai` 6; `ai` 7 is on by default once an integration is registered. */
export const TELEMETRY_OFF = { experimental_telemetry: { isEnabled: false } } as const;
/** `ai` 7 (the Node 24 line), whose provider calls are the parents of the tool calls they ask for. */
export const AI_SDK_7 = typeof ((await import('ai')) as { registerTelemetry?: unknown }).registerTelemetry === 'function';

/**
 * Whether the installed `ai` emits its `ai.*` spans: `ai` 6 does under `experimental_telemetry`; `ai` 7 only
 * through a registered telemetry integration, `LegacyOpenTelemetry` from `@ai-sdk/otel`, registered here
 * when that package is installed. Without it, the AI SDK tests skip, and say so.
 */
export async function aiSdkEmitsSpans(): Promise<boolean> {
  const ai = (await import('ai')) as { registerTelemetry?: (...integrations: unknown[]) => void };
  if (ai.registerTelemetry === undefined) return true;
  const integration = '@ai-sdk/otel';
  try {
    const { LegacyOpenTelemetry } = (await import(integration)) as { LegacyOpenTelemetry: new (options: { tracer: Tracer }) => unknown };
    // Each test starts a Sightline of its own, so the tracer is looked up per span, not kept from the first.
    const tracer: Tracer = {
      startSpan: (...args: Parameters<Tracer['startSpan']>) => trace.getTracer(semconv.AI_SDK_SCOPE).startSpan(...args),
      startActiveSpan: ((...args: unknown[]) =>
        (trace.getTracer(semconv.AI_SDK_SCOPE).startActiveSpan as (...inner: unknown[]) => unknown)(...args)) as Tracer['startActiveSpan'],
    };
    ai.registerTelemetry(new LegacyOpenTelemetry({ tracer }));
    return true;
  } catch {
    process.stderr.write('ai 7 without @ai-sdk/otel emits no OpenTelemetry spans: the AI SDK tests are skipped\n');
    return false;
  }
}

/** The request span, tags and token sums that the Anthropic tests use too. */
export { inRequest, SEARCH_TAGS, tokenSums } from './anthropic-replay.js';
