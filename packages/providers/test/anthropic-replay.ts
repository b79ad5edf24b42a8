import { readFileSync } from 'node:fs';
import Anthropic from '@anthropic-ai/sdk';
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

/** Microdollars, as the catalog's USD-per-1M prices times tokens give them. */
export const perMillion = (total: number): number => total / 1e6;
