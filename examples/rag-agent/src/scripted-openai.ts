import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The dated model the scripted server answers as, like the API's `model` field. */
const RESPONSE_MODEL = 'gpt-4o-mini-2024-07-18';
const CHARS_PER_TOKEN = 4;

export interface ScriptedOpenAI {
  /** The base URL an `openai` client is pointed at (`…/v1`). */
  baseURL: string;
  stop(): Promise<void>;
}

let sequence = 0;

/**
 * An offline stand-in for the OpenAI API, on loopback: Chat Completions answers with a one-line
 * summary of the last message and the usage the API would report, so the demo's direct client
 * call runs, and is recorded, without a key or a network.
 */
export async function startScriptedOpenAI(): Promise<ScriptedOpenAI> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { messages?: { content?: unknown }[] };
      const prompt = (body.messages ?? []).map((message) => String(message.content ?? '')).join('\n');
      const last = String(body.messages?.at(-1)?.content ?? '');
      const content = `Returns desk: ${last.replace(/\s+/g, ' ').slice(0, 80)}`;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(completion(content, prompt)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function completion(content: string, prompt: string) {
  const promptTokens = Math.ceil(prompt.length / CHARS_PER_TOKEN) + 7;
  const completionTokens = Math.ceil(content.length / CHARS_PER_TOKEN);
  return {
    id: `chatcmpl-demo-${++sequence}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: RESPONSE_MODEL,
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: 'stop' }],
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
    },
  };
}
