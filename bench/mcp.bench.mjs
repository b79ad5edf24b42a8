// MCP tools/call over the in-memory transport: the overhead Sightline adds to
// one call (client span + _meta injection, server span + extraction + tag
// restore, two duration records), against a hand-written OTel span pair: a
// CLIENT span, W3C trace context injected into _meta, a SERVER span extracted
// from it, each active around its side's work and named by the semconv
// attributes its name is made of. A bare pair (no attributes, spans never
// made active, so nothing inside the handler could nest) is timed too.
import { createRequire } from 'node:module';
import { context, defaultTextMapGetter, defaultTextMapSetter, ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { init, semconv } from '../packages/core/dist/index.js';
import { instrumentMcpClient, instrumentMcpServer } from '../packages/mcp/dist/index.js';
import { compareOverhead, formatNs, formatRatio, loadAverage, overheadTable } from './harness.mjs';

const CALLS = 10_000;
/** JIT warm-up before timing, as in the LangChain bench. */
const WARMUP = 2_000;
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

// The hand-written pair: what a careful user would write without Sightline, as the OTel
// manual-instrumentation guide shows it (startActiveSpan, so the handler's own spans nest).
const callAttributes = () => ({ [semconv.ATTR_MCP_METHOD_NAME]: 'tools/call', [semconv.ATTR_GEN_AI_TOOL_NAME]: 'lookup' });
function handWrittenServer(extra) {
  const parent = w3c.extract(ROOT_CONTEXT, extra._meta ?? {}, defaultTextMapGetter);
  const attributes = { ...callAttributes(), [semconv.ATTR_JSONRPC_REQUEST_ID]: String(extra.requestId) };
  return tracer.startActiveSpan('tools/call lookup', { kind: SpanKind.SERVER, attributes }, parent, async (span) => {
    try {
      return answer;
    } finally {
      span.end();
    }
  });
}
function handWrittenCall(client) {
  return tracer.startActiveSpan('tools/call lookup', { kind: SpanKind.CLIENT, attributes: callAttributes() }, async (span) => {
    const meta = {};
    w3c.inject(context.active(), meta, defaultTextMapSetter);
    try {
      return await client.callTool({ name: 'lookup', arguments: {}, _meta: meta });
    } finally {
      span.end();
    }
  });
}

// The bare pair: the least a span pair can be.
function bareServer(extra) {
  const parent = w3c.extract(ROOT_CONTEXT, extra._meta ?? {}, defaultTextMapGetter);
  tracer.startSpan('tools/call lookup', { kind: SpanKind.SERVER }, parent).end();
  return Promise.resolve(answer);
}
async function bareCall(client) {
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
const bare = await connect({ serverHandler: async (extra) => bareServer(extra) });
const instrumented = await connect({ instrument: true });
const call = (client) => client.callTool({ name: 'lookup', arguments: {} });
const tags = { team: 'search', feature: 'faq' };

// All variants run inside the same withTags, so Sightline's tag stamping (paid by every span) is equal.
const loadBefore = loadAverage();
const PLAIN = 'uninstrumented client and server';
const HAND = 'hand-written OTel span pair';
const BARE = 'bare span pair (no attributes, never active)';
const SIGHTLINE = 'Sightline instrumentMcpClient + instrumentMcpServer';
const result = await obs.withTags(tags, () =>
  compareOverhead(
    {
      [PLAIN]: () => call(plain),
      [HAND]: () => handWrittenCall(handWritten),
      [BARE]: () => bareCall(bare),
      [SIGHTLINE]: () => call(instrumented),
    },
    { baseline: PLAIN, floor: HAND, subject: SIGHTLINE, calls: CALLS, warmup: WARMUP },
  ),
);
await obs.shutdown();

const overhead = (summary, name) => formatNs(summary.means[name] - summary.means[PLAIN]);
const met = result.ratio <= TARGET && result.cpu.ratio <= TARGET;
const bareResult = result.against(BARE);
console.log(`## MCP tools/call (in-memory transport)

One \`tools/call\` round trip over \`InMemoryTransport\` (client and server in one process, no exporter, all inside the same
\`withTags\`). ${CALLS.toLocaleString('en')} sequential calls per variant (after ${WARMUP.toLocaleString('en')} untimed ones) run interleaved, one call of each variant in turn, each timed on
its own (so load from other processes falls on all variants alike), by the wall clock and by this process's CPU time, which
leaves out the time other processes held the cores; the target applies to both. Ratios come from the mean time per call;
the quartiles are those of the ratios of ten consecutive chunks of the run, a measure of how steady the machine was.

The hand-written pair is what the OTel manual-instrumentation guide shows: \`startActiveSpan\` on each side (so spans
inside the tool handler nest under the server span, as Sightline's do), with the attributes the span name is made of
(\`mcp.method.name\`, \`gen_ai.tool.name\`, and \`jsonrpc.request.id\` on the server). Before this run's revision it was a bare
pair, kept below for comparison: no attributes, and spans never made active.

${overheadTable(result, PLAIN)}

Overhead per call over the uninstrumented pair (means), wall clock: hand-written span pair ${overhead(result, HAND)}, bare pair ${overhead(result, BARE)},
Sightline ${overhead(result, SIGHTLINE)}; CPU time: hand-written span pair ${overhead(result.cpu, HAND)}, bare pair ${overhead(result.cpu, BARE)},
Sightline ${overhead(result.cpu, SIGHTLINE)} (Sightline also carries the tags as baggage, validates them on the server, and records two
duration histograms). Against the bare pair: ${formatRatio(bareResult)} by wall clock, ${formatRatio(bareResult.cpu)} by CPU time.

Load average (1 / 5 / 15 min) on this 2-core machine: ${loadBefore} before, ${loadAverage()} after.

Target: Sightline's overhead at or under ${TARGET}× the hand-written OTel span pair's. Result: ${formatRatio(result)} by wall clock, ${formatRatio(result.cpu)} by CPU time — ${met ? 'met' : 'NOT met'}.`);
