// Tag stamping: a span started inside withTags and stamped by Sightline's span
// processor, against a plain OTel span that sets the same five attributes itself.
import { context, trace } from '@opentelemetry/api';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { init } from '../packages/core/dist/index.js';
import { compare, table, timePerOp } from './harness.mjs';

const ITERATIONS = 50_000;
/** Rounds are interleaved and the median kept: on a shared 2-core machine a single round swings by ±15 %. */
const ROUNDS = 21;
const discard = { onStart() {}, onEnd() {}, forceFlush: async () => {}, shutdown: async () => {} };
const tags = { project: 'bot', team: 'search', cost_center: 'cc-1', feature: 'faq', environment: 'prod' };

const plainTracer = new TracerProvider({ spanProcessors: [discard] }).getTracer('floor');
const obs = init({ serviceName: 'bench', exporters: { file: false }, pipelines: { spanProcessors: [discard] } });
const sightlineTracer = trace.getTracer('bench');

// Every measured span is a child of a request's root span, as spans in an app are: a root of its own would
// also be measured as a request by Sightline's request processor (docs/requests.md), which is not stamping.
const insideRequest = (tracer, fn) => {
  const root = tracer.startSpan('request');
  try {
    return context.with(trace.setSpan(context.active(), root), fn);
  } finally {
    root.end();
  }
};
const results = await compare(
  {
    'plain OTel span, 5 attributes set by hand': async (n) =>
      insideRequest(plainTracer, () => timePerOp(() => plainTracer.startSpan('op', { attributes: tags }).end(), n)),
    'Sightline: span inside withTags, 5 tags stamped': async (n) =>
      obs.withTags(tags, () => insideRequest(sightlineTracer, () => timePerOp(() => sightlineTracer.startSpan('op').end(), n))),
    'Sightline: withTags per span (enter + stamp)': async (n) =>
      insideRequest(sightlineTracer, () => timePerOp(() => obs.withTags(tags, () => sightlineTracer.startSpan('op').end()), n)),
  },
  { iterations: ITERATIONS, rounds: ROUNDS },
);
await obs.shutdown();

const [baselineName] = Object.keys(results);
const baseline = results[baselineName];
const stamped = results['Sightline: span inside withTags, 5 tags stamped'];
const ratio = stamped / baseline;
console.log(`## Tag stamping (core)

A span created inside \`withTags\` and stamped by Sightline's span processor, against a plain OTel span
that sets the same five attributes itself, each a child of an open request span (no exporter in either, ${ITERATIONS.toLocaleString('en')} spans per round, median of ${ROUNDS} rounds).

${table(Object.entries(results).map(([name, ns]) => ({ name, ns, ratio: ns / baseline })))}

Target: at or under 1.25× the plain span. Result: ${ratio.toFixed(2)}× — ${ratio <= 1.25 ? 'met' : 'NOT met'}.`);
