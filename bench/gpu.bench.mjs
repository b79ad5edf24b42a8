// GPU sampler: the parent process's own CPU time while it streams a fake
// nvidia-smi (two H100s), against the same process idling for the same time.
// process.cpuUsage() is RUSAGE_SELF, so the tool's CPU is not counted.
import { trace } from '@opentelemetry/api';
import { AggregationTemporality, MetricReader } from '@opentelemetry/sdk-metrics';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { init, semconv } from '../packages/core/dist/index.js';
import { startGpuSampler } from '../packages/gpu/dist/index.js';
import { compare, formatNs, table, timePerOp } from './harness.mjs';

// V8's memory reducer runs one ~40 ms compacting GC some seconds after start-up allocation settles, in
// whichever phase happens to be running; it is the process's, not the sampler's, so it is switched off.
v8.setFlagsFromString('--no-memory-reducer');

const FAKE = fileURLToPath(new URL('../packages/gpu/test/fixtures/fake-nvidia-smi.mjs', import.meta.url));
const WARMUP_S = 2;
const BASELINE_S = 8;
const ONE_HZ_S = 20;
const TEN_HZ_S = 15;
const COLLECT_EVERY_MS = 5000; // a scrape / export cadence, the same in every phase

class PullReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
  }
  async onForceFlush() {}
  async onShutdown() {}
}
const reader = new PullReader();
const discard = { onStart() {}, onEnd() {}, forceFlush: async () => {}, shutdown: async () => {} };
const obs = init({ serviceName: 'bench', exporters: { file: false }, pipelines: { metricReaders: [reader], spanProcessors: [discard] } });

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** CPU ms of this process per wall second over `seconds`, collecting metrics on the usual cadence. */
async function cpuShare(seconds) {
  globalThis.gc?.();
  const collector = setInterval(() => void reader.collect(), COLLECT_EVERY_MS);
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  await sleep(seconds * 1000);
  const cpu = process.cpuUsage(cpuBefore);
  const wallMs = performance.now() - wallBefore;
  clearInterval(collector);
  return (cpu.user + cpu.system) / 1000 / wallMs; // fraction of one core
}

async function sampled(intervalMs, seconds, measure = cpuShare) {
  const sampler = await startGpuSampler({ command: FAKE, intervalMs });
  await sleep(300); // past start-up
  const share = await measure(seconds);
  const energy = sampler.latest()[0]?.energyJoules ?? 0;
  await sampler.stop();
  if (energy <= 0) throw new Error('the sampler read nothing: the bench measured an idle sampler');
  return share;
}

// Warm-up, not measured: JIT of the parsing path and the first collection of the new instruments.
await sampled(100, WARMUP_S, async (seconds) => {
  const collector = setInterval(() => void reader.collect(), 500);
  await sleep(seconds * 1000);
  clearInterval(collector);
});
const idle = await cpuShare(BASELINE_S);
const oneHz = await sampled(1000, ONE_HZ_S);
const tenHz = await sampled(100, TEN_HZ_S);
const oneHzCost = Math.max(0, oneHz - idle);
const perBatchNs = (Math.max(0, tenHz - idle) / 10) * 1e9; // 10 batches (of 2 lines) per second

// The span hook: cost added to a self-hosted model-call span while a sampler runs.
const tracer = trace.getTracer('bench');
const chatAttributes = {
  [semconv.ATTR_GEN_AI_OPERATION_NAME]: semconv.GEN_AI_OPERATION_CHAT,
  [semconv.ATTR_GEN_AI_PROVIDER_NAME]: 'ollama',
  [semconv.ATTR_GEN_AI_REQUEST_MODEL]: 'llama3.1:8b',
};
// Yield to the event loop before each round, so the sampler reads its pipe and its snapshot stays current.
const spanRun = async (n) => {
  await sleep(5);
  return timePerOp(() => tracer.startSpan('chat llama3.1:8b', { attributes: chatAttributes }).end(), n);
};
let enriched = false;
// Interleaved rounds: the sampler (and so the span hook) is started and stopped around each timed round.
const spans = await compare(
  {
    'no sampler': spanRun,
    'sampler running: GPU snapshot at start and end': async (n) => {
      const sampler = await startGpuSampler({ command: FAKE, intervalMs: 1000 });
      const ns = await spanRun(n);
      const probe = tracer.startSpan('probe', { attributes: chatAttributes });
      probe.end();
      enriched ||= semconv.ATTR_SIGHTLINE_GPU_ID in probe.attributes;
      await sampler.stop();
      return ns;
    },
  },
  { iterations: 10_000, rounds: 7 },
);
await obs.shutdown();
if (!enriched) throw new Error('the span hook did not run: the span bench measured nothing');

const pct = (share) => `${(share * 100).toFixed(3)} %`;
const met = oneHzCost < 0.005;
console.log(`## GPU sampler (gpu)

The parent process's own CPU time (\`process.cpuUsage\`, which excludes the child) while one long-lived fake
\`nvidia-smi -lms\` streams two H100s, against the same process idling for the same wall time; metrics are
collected every ${COLLECT_EVERY_MS / 1000} s in every phase, after an unmeasured ${WARMUP_S} s warm-up, with V8's
one-off post-start-up memory-reducer GC switched off (it lands in whichever phase runs at the time). The 1 Hz phase runs ${ONE_HZ_S} s instead of 60 s, to keep the whole bench under a
minute; a 10 Hz phase (${TEN_HZ_S} s, ten times the lines) shows the per-batch cost with less noise than the 1 Hz phase can.

| phase | CPU, share of one core | ratio to idle |
|---|---|---|
| idle process (baseline, ${BASELINE_S} s) | ${pct(idle)} | 1.00× |
| sampler at 1 Hz (${ONE_HZ_S} s) | ${pct(oneHz)} | ${(oneHz / idle).toFixed(2)}× |
| sampler at 10 Hz (${TEN_HZ_S} s) | ${pct(tenHz)} | ${(tenHz / idle).toFixed(2)}× |

Sampler's own cost at 1 Hz: ${pct(oneHzCost)} of one core; per batch of two GPU lines (from the 10 Hz phase): ${formatNs(perBatchNs)}.

Span hook, a self-hosted \`chat\` span started and ended (no exporter), without and with a running sampler:

${table(Object.entries(spans).map(([name, ns]) => ({ name, ns, ratio: ns / spans['no sampler'] })))}

Target: sampler CPU at 1 Hz under 0.5 % of one core. Result: ${pct(oneHzCost)} — ${met ? 'met' : 'NOT met'}.`);
