import { readFileSync } from 'node:fs';
import Anthropic from '@anthropic-ai/sdk';
import { trace } from '@opentelemetry/api';
import { semconv, withTags } from '@sightline/core';
import type { ReplayResponse, ReplayServer } from '@sightline/testing';

/** A response recorded from Anthropic's documentation, and the request that gets it. */
export interface AnthropicFixture {
  description: string;
  source: string;
  request: { model: string; max_tokens: number; stream?: boolean; thinking?: { type: 'enabled'; budget_tokens: number } };
  response: ReplayResponse;
}

export function anthropicFixture(name: string): AnthropicFixture {
  return JSON.parse(readFileSync(new URL(`./fixtures/anthropic/${name}.json`, import.meta.url), 'utf8')) as AnthropicFixture;
}

/** Answers every Messages request with the fixture's response. */
export function replay(server: ReplayServer, fixture: AnthropicFixture | ReplayResponse): void {
  const response = 'response' in fixture ? fixture.response : fixture;
  server.respond((request) => (request.path === '/v1/messages' ? response : undefined));
}

/** The SDK with its own tracing on (the default), and the same client without it: what the app sees with telemetry off. */
export function clients(server: ReplayServer): { traced: Anthropic; bare: Anthropic } {
  const options = { apiKey: 'test-key', baseURL: server.url, maxRetries: 0 };
  return { traced: new Anthropic(options), bare: new Anthropic({ ...options, openTelemetry: false }) };
}

export const USER_MESSAGE = [{ role: 'user' as const, content: 'Hello, Claude' }];

/** What the SDK itself puts on every `anthropic.messages.create` span that got a response, for `server`. */
export function sdkAttributes(server: ReplayServer, request: { model: string; max_tokens: number; stream?: boolean }, status = 200) {
  const port = Number(new URL(server.url).port);
  return {
    [semconv.ATTR_GEN_AI_PROVIDER_NAME]: semconv.GEN_AI_PROVIDER_ANTHROPIC,
    [semconv.ATTR_SERVER_ADDRESS]: '127.0.0.1',
    [semconv.ATTR_SERVER_PORT]: port,
    'http.route': '/v1/messages',
    [semconv.ATTR_GEN_AI_OPERATION_NAME]: semconv.GEN_AI_OPERATION_CHAT,
    [semconv.ATTR_GEN_AI_REQUEST_MODEL]: request.model,
    [semconv.ATTR_GEN_AI_REQUEST_MAX_TOKENS]: request.max_tokens,
    ...(request.stream ? { [semconv.ATTR_GEN_AI_REQUEST_STREAM]: true } : {}),
    'http.request.method': 'POST',
    'url.scheme': 'http',
    'url.path': '/v1/messages',
    'url.full': `${server.url}/v1/messages`,
    [semconv.ATTR_HTTP_RESPONSE_STATUS_CODE]: status,
  };
}

/** The tags that `withTags({ team: 'search' })` stamps under the default schema. */
export const SEARCH_TAGS = { project: 'untagged', team: 'search', cost_center: 'untagged', feature: 'untagged', environment: 'untagged' };

/** The metric labels of one Anthropic call under `SEARCH_TAGS`. */
export function callLabels(requestModel: string, responseModel: string) {
  return {
    [semconv.ATTR_GEN_AI_OPERATION_NAME]: semconv.GEN_AI_OPERATION_CHAT,
    [semconv.ATTR_GEN_AI_PROVIDER_NAME]: semconv.GEN_AI_PROVIDER_ANTHROPIC,
    [semconv.ATTR_GEN_AI_REQUEST_MODEL]: requestModel,
    [semconv.ATTR_GEN_AI_RESPONSE_MODEL]: responseModel,
    ...SEARCH_TAGS,
  };
}

/** Token sums by `ATTR_GEN_AI_TOKEN_TYPE`, in recording order. */
export function tokenSums(points: { attributes: Record<string, unknown>; value: unknown }[]): [unknown, number][] {
  return points.map(({ attributes, value }) => [attributes[semconv.ATTR_GEN_AI_TOKEN_TYPE], (value as { sum: number }).sum]);
}

/** Runs `fn` inside a `handle request` span with team=search, as an app's request handler would. */
export function inRequest<T>(fn: () => Promise<T>): Promise<T> {
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
