// Provider-client overhead: one streamed Chat Completions call of 50 chunks through the real openai
// client against a loopback replay server, bare against instrumented, with the raw HTTP read of the
// same stream as the baseline that both clients' overheads are measured over.
import { trace } from '@opentelemetry/api';
import OpenAI from 'openai';
import { instrumentOpenAI } from '../packages/providers/dist/openai.js';
import { startReplayServer } from '../packages/testing/dist/index.js';
import { initDiscarding } from './discarding-telemetry.mjs';
import { compareOverhead, formatNs, formatRatio, loadAverage, overheadTable } from './harness.mjs';

const CALLS = 1_500;
const WARMUP = 200;
const CHUNKS = 50;
const TARGET = 1.3;

const obs = initDiscarding();

// 48 content chunks, the finish chunk and the usage chunk, as the API streams them with include_usage.
const chunk = (choices, usage = null) => ({
  data: { id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini-2024-07-18', choices, usage },
});
const events = [
  ...Array.from({ length: CHUNKS - 2 }, (_, index) => chunk([{ index: 0, delta: { content: `token${index} ` }, finish_reason: null }])),
  chunk([{ index: 0, delta: {}, finish_reason: 'stop' }]),
  chunk([], { prompt_tokens: 20, completion_tokens: CHUNKS - 2, total_tokens: 20 + CHUNKS - 2 }),
];
const server = await startReplayServer(() => ({ kind: 'sse', events, done: true }));
const settings = { baseURL: `${server.url}/v1`, apiKey: 'bench', maxRetries: 0 };
const bare = new OpenAI(settings);
const instrumented = instrumentOpenAI(new OpenAI(settings));
const request = {
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'Count to fifty.' }],
  stream: true,
  stream_options: { include_usage: true },
};
const body = JSON.stringify(request);

// Every variant runs inside the app's own request span, as a model call does in an app: the request's
// span and metrics (Sightline's, on every variant alike) are not the client's overhead.
const tracer = trace.getTracer('bench-app');
function inRequest(fn) {
  return tracer.startActiveSpan('POST /chat', async (span) => {
    try {
      await fn();
    } finally {
      span.end();
    }
  });
}
const rawRead = () =>
  inRequest(async () => {
    const response = await fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });
    await response.text();
  });
const streamThrough = (client) =>
  inRequest(async () => {
    let received = 0;
    for await (const _ of await client.chat.completions.create(request)) received++;
    if (received !== CHUNKS) throw new Error(`expected ${CHUNKS} chunks, got ${received}`);
  });

const RAW = 'raw HTTP read of the stream (fetch + text)';
const BARE = 'bare openai client';
const SIGHTLINE = 'instrumentOpenAI client';
const loadBefore = loadAverage();
const result = await obs.withTags({ team: 'search', feature: 'faq' }, () =>
  compareOverhead(
    { [RAW]: rawRead, [BARE]: () => streamThrough(bare), [SIGHTLINE]: () => streamThrough(instrumented) },
    { baseline: RAW, floor: BARE, subject: SIGHTLINE, calls: CALLS, warmup: WARMUP },
  ),
);
await server.close();
await obs.shutdown();

const overhead = (summary, name) => formatNs(summary.means[name] - summary.means[RAW]);
const met = result.ratio <= TARGET;
console.log(`## Provider client: a streamed openai call of ${CHUNKS} chunks

One \`chat.completions.create({ stream: true, stream_options: { include_usage: true } })\` read to its end, through the real
\`openai\` client against a loopback replay server in the same process (no exporter, all inside the same \`withTags\`). Every
variant runs inside an app span of its own (\`POST /chat\`), as a model call does in an app, so the request's span and its
\`sightline.request.*\` metrics, the same for every variant, are not counted as the client's overhead.
${CALLS.toLocaleString('en')} calls per variant (after ${WARMUP.toLocaleString('en')} untimed ones) run interleaved, each timed on its own, by the wall clock and by CPU time.
The baseline reads the same bytes with \`fetch\`: what is left over it is the client's own work (SSE parsing, JSON, the
iterator), and Sightline's on top of that.

${overheadTable(result, RAW)}

Overhead per call over the raw read (means), wall clock: bare client ${overhead(result, BARE)}, instrumented ${overhead(result, SIGHTLINE)};
CPU time: bare client ${overhead(result.cpu, BARE)}, instrumented ${overhead(result.cpu, SIGHTLINE)}.

Load average (1 / 5 / 15 min) on this 2-core machine: ${loadBefore} before, ${loadAverage()} after.

Target: the instrumented client's overhead at or under ${TARGET}× the bare client's. Result: ${formatRatio(result)} by wall clock, ${formatRatio(result.cpu)} by CPU time — ${met ? 'met' : 'NOT met'}.`);
