// `sightline report` over 1,000,000 spans of OTLP/JSON lines, against a bare
// line-by-line JSON.parse of the same files in the same run. Each pass runs in
// its own child process so peak RSS is the pass's own. The data is written as
// OTLP/JSON lines directly (the file exporter's format), so generating it is fast.
import { spawnSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, readdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { semconv } from '../packages/core/dist/index.js';
import { formatNs, median } from './harness.mjs';

const SPANS = Number(process.env.SIGHTLINE_BENCH_SPANS ?? 1_000_000);
const SPANS_PER_TRACE = 5;
const TRACES_PER_LINE = 400; // 2,000 spans a line, like the exporter's 2,048-span batches
const MAX_FILE_BYTES = 64 * 1024 * 1024;
const ROUNDS = 2;
const TARGET_RATIO = 3;
const TARGET_RSS_MB = 300;

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'sightline-bench-cli-'));
  try {
    const generateStart = process.hrtime.bigint();
    const { bytes, files } = await generate(dir);
    const generateNs = Number(process.hrtime.bigint() - generateStart);
    const samples = { parse: [], report: [] };
    for (let round = 0; round < ROUNDS; round++) {
      samples.parse.push(runChild('--child-parse', dir));
      samples.report.push(runChild('--child-report', dir));
    }
    const parseNs = median(samples.parse.map((sample) => sample.ns));
    const reportNs = median(samples.report.map((sample) => sample.ns));
    const parseRss = Math.max(...samples.parse.map((sample) => sample.maxRssMb));
    const reportRss = Math.max(...samples.report.map((sample) => sample.maxRssMb));
    const reportSpans = samples.report[0].spans;
    if (reportSpans !== SPANS) throw new Error(`report saw ${reportSpans} spans, expected ${SPANS}`);
    const ratio = reportNs / parseNs;
    const met = ratio <= TARGET_RATIO && reportRss < TARGET_RSS_MB;
    const mb = (bytes / 1024 / 1024).toFixed(0);
    console.log(`## CLI report (@sightline/cli)

\`sightline report --by team,feature,model\` over ${SPANS.toLocaleString('en')} spans (${((SPANS * 2) / SPANS_PER_TRACE).toLocaleString('en')} model calls) in
${files} rotated OTLP/JSON traces files (${mb} MiB), against a bare line-by-line \`JSON.parse\` of the same files (readline over a
read stream, nothing else). Each pass runs in its own process; median of ${ROUNDS} interleaved rounds; generating the data took ${formatNs(generateNs)}.

| variant | time | throughput | peak RSS | ratio to baseline |
|---|---|---|---|---|
| bare JSON.parse per line | ${formatNs(parseNs)} | ${(bytes / 1024 / 1024 / (parseNs / 1e9)).toFixed(0)} MiB/s | ${parseRss.toFixed(0)} MB | 1.00× |
| sightline report | ${formatNs(reportNs)} | ${(bytes / 1024 / 1024 / (reportNs / 1e9)).toFixed(0)} MiB/s | ${reportRss.toFixed(0)} MB | ${ratio.toFixed(2)}× |

Target: at or under ${TARGET_RATIO}× the bare parse, with peak RSS under ${TARGET_RSS_MB} MB. Result: ${ratio.toFixed(2)}×, ${reportRss.toFixed(0)} MB — ${met ? 'met' : 'NOT met'}.`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function runChild(flag, dir) {
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), flag, dir], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`${flag} failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1));
}

/** Files in reading order: traces.N.jsonl (oldest) … traces.1.jsonl, traces.jsonl. */
async function traceFiles(dir) {
  const names = (await readdir(dir)).filter((name) => /^traces(\.\d+)?\.jsonl$/.test(name));
  const age = (name) => Number(/^traces\.(\d+)\.jsonl$/.exec(name)?.[1] ?? 0);
  return names.sort((a, b) => age(b) - age(a)).map((name) => join(dir, name));
}

async function childParse(dir) {
  const start = process.hrtime.bigint();
  let lines = 0;
  for (const file of await traceFiles(dir)) {
    for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
      if (line.length > 0) {
        JSON.parse(line);
        lines++;
      }
    }
  }
  const ns = Number(process.hrtime.bigint() - start);
  console.log(JSON.stringify({ ns, lines, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
}

async function childReport(dir) {
  const { buildReport } = await import('../packages/cli/dist/index.js');
  const start = process.hrtime.bigint();
  const { report } = await buildReport({ dir, by: ['team', 'feature', 'model'] });
  JSON.stringify(report);
  const ns = Number(process.hrtime.bigint() - start);
  console.log(JSON.stringify({ ns, spans: report.input.spans, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
}

// ------------------------------------------------------------------ data
async function generate(dir) {
  const totalTraces = Math.ceil(SPANS / SPANS_PER_TRACE);
  const parts = [];
  const chunks = [];
  let fileBytes = 0;
  let totalBytes = 0;
  const writePart = async () => {
    const path = join(dir, `part-${parts.length}.tmp`);
    const handle = await open(path, 'w');
    for (const chunk of chunks) await handle.write(chunk);
    await handle.close();
    parts.push(path);
    chunks.length = 0;
    fileBytes = 0;
  };
  let random = 12345;
  const next = () => (random = (random * 1103515245 + 12345) & 0x7fffffff);
  for (let trace = 0; trace < totalTraces; trace += TRACES_PER_LINE) {
    const spans = [];
    for (let t = trace; t < Math.min(totalTraces, trace + TRACES_PER_LINE); t++) spans.push(...traceSpans(t, next));
    const line = `${REQUEST_HEAD}${spans.join(',')}${REQUEST_TAIL}\n`;
    const bytes = Buffer.byteLength(line);
    if (fileBytes > 0 && fileBytes + bytes > MAX_FILE_BYTES) await writePart();
    chunks.push(line);
    fileBytes += bytes;
    totalBytes += bytes;
  }
  await writePart();
  // As the exporter leaves them: the oldest is traces.N.jsonl, the newest rotated traces.1.jsonl, the live one traces.jsonl.
  for (const [index, path] of parts.entries()) {
    const age = parts.length - 1 - index;
    await rename(path, join(dir, age === 0 ? 'traces.jsonl' : `traces.${age}.jsonl`));
  }
  return { bytes: totalBytes, files: parts.length };
}

const REQUEST_HEAD =
  '{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"bench"}},{"key":"telemetry.sdk.language","value":{"stringValue":"nodejs"}}],"droppedAttributesCount":0},"scopeSpans":[{"scope":{"name":"@sightline/langchain"},"spans":[';
const REQUEST_TAIL = ']}]}]}';
const TEAMS = ['search', 'billing', 'support', 'growth', 'untagged'];
const FEATURES = ['faq', 'chat', 'summarize', 'classify', 'answers', 'untagged'];
const MODELS = [
  ['gpt-4o', 'openai', 2.5, 10],
  ['gpt-4o-mini', 'openai', 0.15, 0.6],
  ['claude-sonnet-4-5', 'anthropic', 3, 15],
  ['gemini-2.5-flash', 'gcp.gemini', 0.3, 2.5],
];
const BASE_NS = 1_740_000_000_000n * 1_000_000n;

const str = (key, value) => `{"key":"${key}","value":{"stringValue":"${value}"}}`;
const int = (key, value) => `{"key":"${key}","value":{"intValue":${value}}}`;
const dbl = (key, value) => `{"key":"${key}","value":{"doubleValue":${value}}}`;

function span(traceId, spanId, parentId, name, kind, startNs, durationMs, attributes) {
  const end = startNs + BigInt(durationMs) * 1_000_000n;
  return `{"traceId":"${traceId}","spanId":"${spanId}"${parentId ? `,"parentSpanId":"${parentId}"` : ''},"name":"${name}","kind":${kind},"startTimeUnixNano":"${startNs}","endTimeUnixNano":"${end}","attributes":[${attributes.join(',')}],"droppedAttributesCount":0,"events":[],"droppedEventsCount":0,"status":{"code":0},"links":[],"droppedLinksCount":0,"flags":257}`;
}

function traceSpans(index, next) {
  const traceId = index.toString(16).padStart(32, '0');
  const id = (n) => (index * 8 + n).toString(16).padStart(16, '0');
  const start = BASE_NS + BigInt(index) * 3_000_000_000n; // a request every 3 s: about a week of traffic
  const tags = [
    str('project', 'bot'),
    str('team', TEAMS[next() % TEAMS.length]),
    str('cost_center', 'cc-1'),
    str('feature', FEATURES[next() % FEATURES.length]),
    str('environment', 'prod'),
  ];
  const model = (n, offsetMs) => {
    const [name, provider, inPrice, outPrice] = MODELS[next() % MODELS.length];
    const input = 200 + (next() % 4000);
    const output = 10 + (next() % 600);
    const cost = (input * inPrice + output * outPrice) / 1e6;
    return span(traceId, id(n), id(0), `chat ${name}`, 3, start + BigInt(offsetMs) * 1_000_000n, 200 + (next() % 1500), [
      str(semconv.ATTR_GEN_AI_OPERATION_NAME, 'chat'),
      str(semconv.ATTR_GEN_AI_PROVIDER_NAME, provider),
      str(semconv.ATTR_GEN_AI_REQUEST_MODEL, name),
      str(semconv.ATTR_GEN_AI_RESPONSE_MODEL, name),
      int(semconv.ATTR_GEN_AI_USAGE_INPUT_TOKENS, input),
      int(semconv.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS, output),
      dbl(semconv.ATTR_SIGHTLINE_COST_USD, cost),
      str(semconv.ATTR_SIGHTLINE_PROMPT_HASH, (next() % 20_000).toString(16).padStart(32, '0')),
      ...tags,
    ]);
  };
  return [
    span(traceId, id(0), undefined, 'invoke_agent support', 1, start, 2500, [
      str(semconv.ATTR_GEN_AI_OPERATION_NAME, 'invoke_agent'),
      str(semconv.ATTR_GEN_AI_AGENT_NAME, 'support'),
      ...tags,
    ]),
    model(1, 5),
    span(traceId, id(2), id(0), 'execute_tool search_docs', 1, start + 900_000_000n, 600, [
      str(semconv.ATTR_GEN_AI_OPERATION_NAME, 'execute_tool'),
      str(semconv.ATTR_GEN_AI_TOOL_NAME, 'search_docs'),
      ...tags,
    ]),
    span(traceId, id(3), id(2), 'query docs', 3, start + 910_000_000n, 50 + (next() % 500), [
      str(semconv.ATTR_DB_SYSTEM_NAME, 'chroma'),
      str(semconv.ATTR_DB_OPERATION_NAME, 'query'),
      str(semconv.ATTR_DB_COLLECTION_NAME, 'docs'),
      ...tags,
    ]),
    model(4, 1600),
  ];
}

const [, , mode, childDir] = process.argv;
if (mode === '--child-parse') await childParse(childDir);
else if (mode === '--child-report') await childReport(childDir);
else await main();
