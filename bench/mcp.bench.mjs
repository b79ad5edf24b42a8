// MCP tools/call over the in-memory transport: the overhead Sightline adds to
// one call (client span + _meta injection, server span + extraction + tag
// restore, two duration records), against a hand-written OTel span pair: a
// CLIENT span, W3C trace context injected into _meta, a SERVER span extracted from it.
import { createRequire } from 'node:module';
import { context, defaultTextMapGetter, defaultTextMapSetter, ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { init } from '../packages/core/dist/index.js';
import { instrumentMcpClient, instrumentMcpServer } from '../packages/mcp/dist/index.js';
import { compare, formatNs, table, timePerOpAsync } from './harness.mjs';

const ITERATIONS = 2_000;
const ROUNDS = 9;
const TARGET = 1.5;
const discard = { onStart() {}, onEnd() {}, forceFlush: async () => {}, shutdown: async () => {} };
const obs = init({ serviceName: 'bench', exporters: { file: false }, pipelines: { spanProcessors: [discard] } });
const tracer = trace.getTracer('hand-written');
// @opentelemetry/core is a dependency of @sightline/core, not of the repository root.
const { W3CTraceContextPropagator } = createRequire(new URL('../packages/core/package.json', import.meta.url))('@opentelemetry/core');
const w3c = new W3CTraceContextPropagator();
const answer = { content: [{ type: 'text', text: 'ok' }] };

async function connect({ instrument = false, serverHandler = async () => answer } = {}) {
  const server = new McpServer({ name: 'bench', version: '1.0.0' });
  server.registerTool('lookup', {}, serverHandler);
  const client = new Client({ name: 'bench', version: '1.0.0' });
  if (instrument) {
    instrumentMcpServer(server);
    instrumentMcpClient(client);
  }
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  await client.connect(clientTransport);
  return client;
}

// The hand-written pair: what a careful user would write without Sightline.
function handWrittenServer(extra) {
  const parent = w3c.extract(ROOT_CONTEXT, extra._meta ?? {}, defaultTextMapGetter);
  const span = tracer.startSpan('tools/call lookup', { kind: SpanKind.SERVER }, parent);
  span.end();
  return Promise.resolve(answer);
}
async function handWrittenCall(client) {
  const span = tracer.startSpan('tools/call lookup', { kind: SpanKind.CLIENT });
  const meta = {};
  w3c.inject(trace.setSpan(context.active(), span), meta, defaultTextMapSetter);
  try {
    return await client.callTool({ name: 'lookup', arguments: {}, _meta: meta });
  } finally {
    span.end();
  }
}

const plain = await connect();
const handWritten = await connect({ serverHandler: async (extra) => handWrittenServer(extra) });
const instrumented = await connect({ instrument: true });
const call = (client) => client.callTool({ name: 'lookup', arguments: {} });
const tags = { team: 'search', feature: 'faq' };

// All variants run inside the same withTags, so Sightline's tag stamping (paid by every span) is equal.
const results = await obs.withTags(tags, () =>
  compare(
    {
      'uninstrumented client and server': (n) => timePerOpAsync(() => call(plain), n),
      'hand-written OTel span pair': (n) => timePerOpAsync(() => handWrittenCall(handWritten), n),
      'Sightline instrumentMcpClient + instrumentMcpServer': (n) => timePerOpAsync(() => call(instrumented), n),
    },
    { iterations: ITERATIONS, rounds: ROUNDS },
  ),
);
await obs.shutdown();

const baseline = results['uninstrumented client and server'];
const handOverhead = results['hand-written OTel span pair'] - baseline;
const sightlineOverhead = results['Sightline instrumentMcpClient + instrumentMcpServer'] - baseline;
const ratio = sightlineOverhead / handOverhead;
console.log(`## MCP tools/call (in-memory transport)

One \`tools/call\` round trip over \`InMemoryTransport\` (client and server in one process, no exporter,
${ITERATIONS.toLocaleString('en')} sequential calls per round, median of ${ROUNDS} rounds, all inside the same \`withTags\`).

${table(Object.entries(results).map(([name, ns]) => ({ name, ns, ratio: ns / baseline })))}

Overhead per call over the uninstrumented pair: hand-written span pair ${formatNs(handOverhead)}, Sightline ${formatNs(sightlineOverhead)}
(Sightline also carries the tags as baggage, validates them on the server, and records two duration histograms).

Target: Sightline's overhead at or under ${TARGET}× the hand-written OTel span pair's. Result: ${ratio.toFixed(2)}× — ${ratio <= TARGET ? 'met' : 'NOT met'}.`);
