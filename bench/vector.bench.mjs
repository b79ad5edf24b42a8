// Vector-store overhead: a k=5 query against a real local Chroma server, bare
// against instrumented (same server, same collection, interleaved rounds), plus
// the wrapper alone against a hand-written span, with the network taken out.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { SpanKind, trace } from '@opentelemetry/api';
import { ChromaClient } from 'chromadb';
import { METRICS, recordMetric, semconv } from '../packages/core/dist/index.js';
import { instrumentChroma } from '../packages/vector/dist/index.js';
import { initDiscarding } from './discarding-telemetry.mjs';
import { compare, formatNs, median, table, timePerOp } from './harness.mjs';

const QUERY_PAIRS = 400;
const CALLS_PER_ROUND = 3_000;
const ROUNDS = 9;
const DIMENSION = 64;

// ------------------------------------------------------------ a real Chroma (same approach as packages/vector/test/support/chroma-server.ts)
const chromaDist = dirname(dirname(createRequire(import.meta.url).resolve('chromadb'))); // .../chromadb/dist
const chromaVersion = JSON.parse(readFileSync(join(chromaDist, '..', 'package.json'), 'utf8')).version;

async function startChroma() {
  const port = await new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address();
      probe.close(() => resolve(free));
    });
  });
  const dir = mkdtempSync(join(tmpdir(), 'sightline-chroma-bench-'));
  const child = spawn(
    process.execPath,
    [join(chromaDist, 'cli.mjs'), 'run', '--path', dir, '--host', '127.0.0.1', '--port', String(port)],
    { stdio: 'ignore' },
  );
  const exited = new Promise((resolve) => child.once('exit', resolve));
  for (let tries = 0; ; tries++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/v2/heartbeat`)).ok) break;
    } catch {
      if (tries > 300) throw new Error('Chroma did not start');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    port,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function vector(seed) {
  const values = Array.from({ length: DIMENSION }, (_, index) => Math.sin(seed * 12.9898 + index * 78.233));
  const norm = Math.hypot(...values);
  return values.map((value) => value / norm);
}

const obs = initDiscarding();
const tags = { team: 'search', feature: 'faq' };

const chroma = await startChroma();
try {
  const client = new ChromaClient({ host: '127.0.0.1', port: chroma.port });
  const seededBare = await client.createCollection({ name: 'bench-docs', embeddingFunction: null });
  await seededBare.add({
    ids: Array.from({ length: 500 }, (_, index) => `doc-${index}`),
    embeddings: Array.from({ length: 500 }, (_, index) => vector(index)),
  });
  const bare = await client.getCollection({ name: 'bench-docs' });
  const instrumented = instrumentChroma(
    await new ChromaClient({ host: '127.0.0.1', port: chroma.port }).getCollection({ name: 'bench-docs' }),
  );
  const query = (collection) => (i) => collection.query({ queryEmbeddings: [vector(1000 + i)], nResults: 5 });

  // Paired and alternated (ABBA) query by query, so load drifts on a busy machine hit both sides alike.
  const bareTimes = [];
  const instrumentedTimes = [];
  const differences = [];
  const timeOne = async (collection, i) => {
    const started = process.hrtime.bigint();
    await query(collection)(i);
    return Number(process.hrtime.bigint() - started);
  };
  await obs.withTags(tags, async () => {
    for (let i = 0; i < 40; i++) await Promise.all([timeOne(bare, i), timeOne(instrumented, i)]); // warm-up
    for (let i = 0; i < QUERY_PAIRS; i++) {
      const bareFirst = i % 2 === 0;
      const first = await timeOne(bareFirst ? bare : instrumented, i);
      const second = await timeOne(bareFirst ? instrumented : bare, i);
      const [bareNs, instrumentedNs] = bareFirst ? [first, second] : [second, first];
      bareTimes.push(bareNs);
      instrumentedTimes.push(instrumentedNs);
      differences.push(instrumentedNs - bareNs);
    }
  });
  const network = {
    'bare chromadb query (k=5, 500 × 64-dim)': median(bareTimes),
    'instrumentChroma query': median(instrumentedTimes),
  };

  // The wrapper alone: a collection whose query answers at once with a Chroma-shaped result.
  const answer = { ids: [['a', 'b', 'c', 'd', 'e']], distances: [[0.1, 0.2, 0.3, 0.4, 0.5]] };
  const apiClient = { getConfig: () => ({ baseUrl: `http://127.0.0.1:${chroma.port}` }) };
  const fakeCollection = () => ({
    name: 'bench-docs',
    id: 'x',
    apiClient,
    add: async () => {},
    get: async () => {},
    count: async () => 0,
    query: () => answer,
  });
  const bareFake = fakeCollection();
  const instrumentedFake = instrumentChroma(fakeCollection());
  const tracer = trace.getTracer('hand-written');
  const request = { queryEmbeddings: [vector(1)], nResults: 5 };
  // The same telemetry written by hand: the same span attributes and the same three metrics.
  const common = {
    [semconv.ATTR_DB_SYSTEM_NAME]: 'chroma',
    [semconv.ATTR_DB_OPERATION_NAME]: 'query',
    [semconv.ATTR_DB_COLLECTION_NAME]: 'bench-docs',
    [semconv.ATTR_SERVER_ADDRESS]: '127.0.0.1',
    [semconv.ATTR_SERVER_PORT]: chroma.port,
  };
  const handWritten = () => {
    const started = performance.now();
    const span = tracer.startSpan('query bench-docs', {
      kind: SpanKind.CLIENT,
      attributes: {
        ...common,
        [semconv.ATTR_GEN_AI_REQUEST_TOP_K]: request.nResults,
        [semconv.ATTR_SIGHTLINE_VECTOR_EMBEDDING_DIMENSION]: request.queryEmbeddings[0].length,
        [semconv.ATTR_SIGHTLINE_VECTOR_FILTER_USED]: false,
      },
    });
    const result = bareFake.query(request);
    const distances = result.distances[0];
    const best = Math.min(...distances);
    span.setAttributes({
      [semconv.ATTR_DB_RESPONSE_RETURNED_ROWS]: result.ids[0].length,
      [semconv.ATTR_SIGHTLINE_VECTOR_DISTANCE_MIN]: best,
      [semconv.ATTR_SIGHTLINE_VECTOR_DISTANCE_MAX]: Math.max(...distances),
      [semconv.ATTR_SIGHTLINE_VECTOR_DISTANCE_MEAN]: distances.reduce((sum, value) => sum + value, 0) / distances.length,
    });
    span.end();
    recordMetric(METRICS.dbDuration, (performance.now() - started) / 1000, common);
    recordMetric(METRICS.dbReturnedRows, result.ids[0].length, common);
    recordMetric(METRICS.vectorBestDistance, best, common);
    return result;
  };
  const wrapper = await compare(
    {
      'bare call (no span)': (n) => obs.withTags(tags, () => timePerOp(() => bareFake.query(request), n)),
      'hand-written: same span and 3 metrics': (n) => obs.withTags(tags, () => timePerOp(handWritten, n)),
      'instrumentChroma wrapper': (n) => obs.withTags(tags, () => timePerOp(() => instrumentedFake.query(request), n)),
    },
    { iterations: CALLS_PER_ROUND, rounds: ROUNDS },
  );

  const bareQuery = network['bare chromadb query (k=5, 500 × 64-dim)'];
  const overhead = median(differences);
  const share = overhead / bareQuery;
  const floor = wrapper['hand-written: same span and 3 metrics'] - wrapper['bare call (no span)'];
  const ours = wrapper['instrumentChroma wrapper'] - wrapper['bare call (no span)'];
  const ratioToFloor = ours / floor;
  const met = share < 0.05 || ratioToFloor <= 1.5;
  const rows = (results) => {
    const baseline = Object.values(results)[0];
    return table(Object.entries(results).map(([name, ns]) => ({ name, ns, ratio: ns / baseline })));
  };
  console.log(`## Vector store (Chroma)

A k=5 query against a real local Chroma server (chromadb ${chromaVersion} CLI, 500 documents, 64 dimensions),
bare client against an instrumented one on the same server in the same run: ${QUERY_PAIRS} pairs of queries, alternated\n(bare first, then instrumented first), medians of the single-query times.
Spans go to a discarding processor; metrics to a pull reader.

${rows(network)}

Overhead per query (median of the paired differences): ${formatNs(overhead)}, ${(share * 100).toFixed(1)} % of a local query.

The wrapper alone (a collection whose query answers at once, ${CALLS_PER_ROUND.toLocaleString('en')} calls per round), against the floor: the same
telemetry written by hand (one CLIENT span with the same 12 attributes, and the same three metrics through core's \`recordMetric\`):

${rows(wrapper)}

Cost over the bare call: ${formatNs(ours)} for instrumentChroma against ${formatNs(floor)} written by hand: ${ratioToFloor.toFixed(2)}×.

Target: under 5 % of a local query's time, or at or under 1.5× the floor of a hand-written span. Result: ${(share * 100).toFixed(1)} % of a query; ${ratioToFloor.toFixed(2)}× the hand-written floor — ${met ? 'met' : 'NOT met'}.`);
} finally {
  await obs.shutdown();
  await chroma.stop();
}
