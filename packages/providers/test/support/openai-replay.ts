import { readFileSync } from 'node:fs';
import type { ReplayEvent, ReplayRequest, ReplayResponse, ReplayServer } from '@sightline/testing';
import OpenAI from 'openai';
import { instrumentOpenAI } from '@sightline/providers/openai';

interface Fixture {
  description: string;
  source: string;
  status?: number;
  headers?: Record<string, string>;
  body?: Record<string, unknown>;
  events?: ReplayEvent[];
}

export function openaiFixture(name: string): Fixture {
  return JSON.parse(readFileSync(new URL(`../fixtures/openai/${name}.json`, import.meta.url), 'utf8')) as Fixture;
}

/** A recorded JSON answer, with its status and headers. */
export function json(name: string): ReplayResponse {
  const fixture = openaiFixture(name);
  return { kind: 'json', status: fixture.status ?? 200, body: fixture.body, headers: fixture.headers };
}

/**
 * A recorded stream. Chat chunks carry usage only when the request asked for it
 * (`stream_options.include_usage`), as the API does.
 */
export function sse(name: string, request: ReplayRequest, extra: Partial<Extract<ReplayResponse, { kind: 'sse' }>> = {}): ReplayResponse {
  const includeUsage = (request.body as { stream_options?: { include_usage?: boolean } }).stream_options?.include_usage === true;
  const events = (openaiFixture(name).events ?? []).flatMap((event) => {
    const data = event.data as Record<string, unknown>;
    if (!('usage' in data) || includeUsage || name !== 'chat-stream') return [event];
    if (Array.isArray(data.choices) && data.choices.length === 0) return [];
    const { usage: _usage, ...rest } = data;
    return [{ ...event, data: rest }];
  });
  return { kind: 'sse', events, done: name === 'chat-stream', ...extra };
}

/** The embeddings answer, encoded as the request asks: the client asks for base64 unless told otherwise. */
export function embeddings(request: ReplayRequest): ReplayResponse {
  const body = structuredClone(openaiFixture('embeddings').body) as { data: { embedding: number[] | string }[] };
  if ((request.body as { encoding_format?: string }).encoding_format === 'base64') {
    for (const item of body.data) item.embedding = Buffer.from(new Float32Array(item.embedding as number[]).buffer).toString('base64');
  }
  return { kind: 'json', body };
}

/** Routes by endpoint to the given answers. */
export function routes(answers: { chat?: ReplayAnswer; responses?: ReplayAnswer; embeddings?: ReplayAnswer }) {
  return (request: ReplayRequest): ReplayResponse | undefined => {
    if (request.path.endsWith('/chat/completions')) return answers.chat?.(request);
    if (request.path.endsWith('/responses')) return answers.responses?.(request);
    if (request.path.endsWith('/embeddings')) return (answers.embeddings ?? embeddings)(request);
    return undefined;
  };
}
type ReplayAnswer = (request: ReplayRequest) => ReplayResponse;

/** An uninstrumented client and an instrumented one, both pointed at the replay server, never retrying. */
export function openaiClients(server: ReplayServer, options: ConstructorParameters<typeof OpenAI>[0] = {}) {
  const settings = { baseURL: `${server.url}/v1`, apiKey: 'sk-test', maxRetries: 0, ...options };
  return { bare: new OpenAI(settings), instrumented: instrumentOpenAI(new OpenAI(settings)) };
}
