// Per-request overhead of SightlineCallbackHandler, passed in `callbacks` and zero-touch, on two LangChain workloads, against
// no handler and a hand-written OTel "floor" (one span per run, ~10 attributes).
// Run after `pnpm build`: node --expose-gc bench/langchain.bench.mjs
//
// LangChain hands a run's config to the runnables called inside it through
// AsyncLocalStorage only once it is initialised; LangGraph (and so every
// `createAgent` app) does that on import. Without it the agent-like workload's
// retriever, tool and model calls would run with no callbacks at all, and the
// bench would time a single chain run.
import '@langchain/core/context';
import { context, SpanKind, trace } from '@opentelemetry/api';
import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import { Document } from '@langchain/core/documents';
import { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage } from '@langchain/core/messages';
import { StringOutputParser } from '@langchain/core/output_parsers';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { BaseRetriever } from '@langchain/core/retrievers';
import { RunnableLambda } from '@langchain/core/runnables';
import { AsyncLocalStorageProviderSingleton } from '@langchain/core/singletons';
import { tool } from '@langchain/core/tools';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { init } from '../packages/core/dist/index.js';
import { SightlineCallbackHandler } from '../packages/langchain/dist/index.js';
import { instrumentLangChain } from '../packages/langchain/dist/zero-touch.js';
import { compareOverhead, formatNs, formatRatio, loadAverage, overheadTable } from './harness.mjs';

const TARGET = 1.3;
const ZERO_TOUCH = 'Sightline zero-touch (instrumentLangChain)';
const CALLS = 8_000;
/** JIT warm-up before timing: V8 keeps optimizing LangChain's and our code for the first thousand or so requests. */
const WARMUP = 2_000;

class TinyModel extends BaseChatModel {
  _llmType() {
    return 'tiny';
  }
  getLsParams() {
    return { ls_provider: 'openai', ls_model_name: 'gpt-4o-mini', ls_model_type: 'chat' };
  }
  async _generate() {
    const message = new AIMessage({ content: 'ok', usage_metadata: { input_tokens: 20, output_tokens: 5, total_tokens: 25 } });
    return { generations: [{ text: 'ok', message }] };
  }
}
class TinyRetriever extends BaseRetriever {
  lc_namespace = ['bench'];
  async _getRelevantDocuments(query) {
    return [new Document({ pageContent: query })];
  }
}

/** Counts what it is given: export without serialisation or I/O, for the floor and Sightline alike. */
const countingExporter = () => ({
  exported: 0,
  export(spans, done) {
    this.exported += spans.length;
    done({ code: 0 });
  },
  shutdown: () => Promise.resolve(),
  forceFlush: () => Promise.resolve(),
});

/**
 * The floor: what a careful hand-written handler costs, one span per run with about ten attributes, on a
 * tracer provider of its own with a default BatchSpanProcessor (the peer benchmark's `floor-batch`).
 * Its spans do not go through Sightline's pipeline: an earlier revision used the global tracer, so the
 * floor paid for Sightline's tag stamping too and the ratio flattered Sightline (docs/benchmarks.md).
 */
const floorProvider = new TracerProvider({ spanProcessors: [new BatchSpanProcessor(countingExporter())] });
const floorTracer = floorProvider.getTracer('floor');
class FloorHandler extends BaseCallbackHandler {
  name = 'floor';
  spans = new Map();
  open(runId, parentRunId, name) {
    const parent = parentRunId && this.spans.get(parentRunId);
    const span = floorTracer.startSpan(
      name,
      {
        kind: SpanKind.INTERNAL,
        attributes: {
          'a.1': 'x',
          'a.2': 'y',
          'a.3': 1,
          'a.4': 2,
          'a.5': true,
          'a.6': 'z',
          'a.7': 3,
          'a.8': 'w',
          'a.9': 4,
          'a.10': runId,
        },
      },
      parent ? trace.setSpan(context.active(), parent) : undefined,
    );
    this.spans.set(runId, span);
  }
  close(runId) {
    const span = this.spans.get(runId);
    this.spans.delete(runId);
    span?.end();
  }
  handleChainStart(_c, _i, runId, parentRunId, _t, _m, _rt, runName) {
    this.open(runId, parentRunId, runName ?? 'chain');
  }
  handleChainEnd(_o, runId) {
    this.close(runId);
  }
  handleChainError(_e, runId) {
    this.close(runId);
  }
  handleChatModelStart(_l, _m, runId, parentRunId) {
    this.open(runId, parentRunId, 'chat');
  }
  handleLLMEnd(_o, runId) {
    this.close(runId);
  }
  handleLLMError(_e, runId) {
    this.close(runId);
  }
  handleToolStart(_t, _i, runId, parentRunId) {
    this.open(runId, parentRunId, 'tool');
  }
  handleToolEnd(_o, runId) {
    this.close(runId);
  }
  handleToolError(_e, runId) {
    this.close(runId);
  }
  handleRetrieverStart(_r, _q, runId, parentRunId) {
    this.open(runId, parentRunId, 'retriever');
  }
  handleRetrieverEnd(_d, runId) {
    this.close(runId);
  }
  handleRetrieverError(_e, runId) {
    this.close(runId);
  }
}

const model = new TinyModel({});
const retriever = new TinyRetriever();
const lookup = tool(async ({ q }) => `found ${q}`, {
  name: 'lookup',
  description: 'look up',
  schema: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] },
});
const workloads = {
  'prompt → model → parser': ChatPromptTemplate.fromTemplate('Answer: {question}').pipe(model).pipe(new StringOutputParser()),
  'agent-like tree (chain + retriever + tool + 2 model calls)': RunnableLambda.from(async (question) => {
    const docs = await retriever.invoke(question);
    const found = await lookup.invoke({ q: question });
    const first = await model.invoke(`${question} ${docs.length} ${found}`);
    const second = await model.invoke(String(first.content));
    return second.content;
  }).withConfig({ runName: 'agent' }),
};
const inputOf = (name) => (name.startsWith('prompt') ? { question: 'why?' } : 'why?');

// Sightline's spans end in the same kind of exporter as the floor's; each request runs in a withTags scope, as in the quickstart.
const obs = init({
  serviceName: 'bench',
  exporters: { file: false },
  pipelines: { spanProcessors: [new BatchSpanProcessor(countingExporter())] },
});
const TAGS = { team: 'bench', feature: 'overhead' };
const tagged = (fn) => () => obs.withTags(TAGS, fn);
const sightline = new SightlineCallbackHandler();
const floor = new FloorHandler();

// Zero-touch: `instrumentLangChain()` registers LangChain's configure hook and puts its handler in
// a LangChain context variable, i.e. in LangChain's AsyncLocalStorage store. The store from before
// the call runs the other variants without it (each configure still checks the hook, as in an app),
// the store from after runs the zero-touch variant; every variant enters its store the same way.
const langchainStorage = AsyncLocalStorageProviderSingleton.getInstance();
const storeWithoutHook = langchainStorage.getStore() ?? {};
instrumentLangChain();
const storeWithHook = langchainStorage.getStore();
const inStore = (store, fn) => () => langchainStorage.run(store, fn);
/**
 * The floor leaves LangChain's default (`awaitHandlers` false), as `floor-batch` in ../shared/peer-bench does:
 * its callbacks then run from LangChain's background queue (promise jobs), after `invoke` may have returned.
 * Every request therefore ends by yielding to the event loop, as a server does between requests (and the
 * peer benchmark's worker does): the queue has drained by then, so each variant's timing holds all of its
 * own callback work. (`awaitAllCallbacks()` would also wait for LangSmith's batch timer, about 1 ms.)
 */
const settled = async (request) => {
  const output = await request;
  await new Promise((resolve) => setImmediate(resolve));
  return output;
};

const lines = ['## LangChain callback handler', ''];
lines.push(
  'Per-request overhead of `SightlineCallbackHandler` (spans, tokens, cost, metrics) against a hand-written OTel floor handler',
  "(one span per run, 10 attributes, on its own tracer provider) and no handler, measured in the same run. The floor's spans and",
  "Sightline's (through its full pipeline: tag stamping, request metrics) each end in a default BatchSpanProcessor and a counting",
  'exporter, as `floor-batch` and `sightline` do in ../shared/peer-bench; each Sightline request runs in `withTags({ team, feature })`.',
  "The floor keeps LangChain's default `awaitHandlers: false`, as `floor-batch` does, so its callbacks run from LangChain's",
  'background queue; every request of every variant ends by yielding to the event loop (as a server does, and as the peer',
  "benchmark's worker does), by when that queue has drained. Sightline awaits its callbacks: its spans must exist before a run's body",
  "starts, so that spans made inside it nest. (Until 2026-12-07 the floor here awaited its callbacks too, which skips LangChain's",
  'queue: a cheaper floor than `floor-batch`, and ratios of 1.48× and 1.53× on the workloads below.)',
  'Overhead ratio = (Sightline − none) / (floor − none), from the mean time per request.',
  `${CALLS.toLocaleString('en')} sequential requests per variant (after ${WARMUP.toLocaleString('en')} untimed ones) run interleaved, one request of each variant in turn, each timed on its own`,
  "(so load from other processes falls on all three alike), by the wall clock and by this process's CPU time, which leaves",
  'out the time other processes held the cores. The target applies to both. The quartiles are those of the ratios of ten',
  'consecutive chunks of the run: a measure of how steady the machine was. The floor records no metrics; Sightline records',
  'four per model call (two token-usage points, duration, cost) into its own per-series aggregation (docs/concepts.md), and',
  'fingerprints each prompt.',
  '',
);
const loadBefore = loadAverage();
let allMet = true;
for (const [name, runnable] of Object.entries(workloads)) {
  const input = inputOf(name);
  const variant = (callbacks) => inStore(storeWithoutHook, () => settled(runnable.invoke(input, { callbacks })));
  const result = await compareOverhead(
    {
      'no handler': variant([]),
      'OTel floor': variant([floor]),
      Sightline: tagged(variant([sightline])),
      [ZERO_TOUCH]: tagged(inStore(storeWithHook, () => settled(runnable.invoke(input)))),
    },
    { baseline: 'no handler', floor: 'OTel floor', subject: 'Sightline', calls: CALLS, warmup: WARMUP },
  );
  const zeroTouch = result.against('OTel floor', ZERO_TOUCH);
  const overhead = (summary, variantName) => formatNs(summary.means[variantName] - summary.means['no handler']);
  allMet &&= [result, zeroTouch].every((measured) => measured.ratio <= TARGET && measured.cpu.ratio <= TARGET);
  lines.push(
    `### ${name}`,
    '',
    overheadTable(result, 'no handler'),
    '',
    `Overhead per request (means), wall clock: floor +${overhead(result, 'OTel floor')}, Sightline +${overhead(result, 'Sightline')}, ` +
      `zero-touch +${overhead(result, ZERO_TOUCH)}; CPU time: floor +${overhead(result.cpu, 'OTel floor')}, ` +
      `Sightline +${overhead(result.cpu, 'Sightline')}, zero-touch +${overhead(result.cpu, ZERO_TOUCH)}.`,
    `Sightline's overhead: **${formatRatio(result)} the floor's by wall clock, ${formatRatio(result.cpu)} by CPU time** (\`callbacks: [handler]\`); ` +
      `**${formatRatio(zeroTouch)} by wall clock, ${formatRatio(zeroTouch.cpu)} by CPU time** zero-touch.`,
    '',
  );
}

// Heap after forced GC must not grow over 20,000 requests.
const heapWorkload = workloads['prompt → model → parser'];
const heapAfterGc = () => {
  globalThis.gc?.();
  globalThis.gc?.();
  return process.memoryUsage().heapUsed;
};
for (let i = 0; i < 1000; i++) await heapWorkload.invoke({ question: 'warm' }, { callbacks: [sightline] });
const before = heapAfterGc();
for (let i = 0; i < 20000; i++) await heapWorkload.invoke({ question: `q${i}` }, { callbacks: [sightline] });
const after = heapAfterGc();
const growthMiB = (after - before) / 1024 / 1024;
const heapOk = growthMiB < 2 && sightline.openRuns === 0;
lines.push(
  `Heap after forced GC: ${(before / 1048576).toFixed(1)} MiB before, ${(after / 1048576).toFixed(1)} MiB after 20,000 prompt → model → parser requests` +
    ` (${growthMiB >= 0 ? '+' : ''}${growthMiB.toFixed(2)} MiB; open runs afterwards: ${sightline.openRuns})${globalThis.gc ? '' : ' — run with --expose-gc for a meaningful figure'}.`,
  '',
);
// A 10 MB prompt, content capture off: what each handler adds inside the app's own invoke.
const HUGE_PROMPT_TARGET_MS = 5;
const hugePrompt = 'lorem ipsum dolor  sit amet\n'.repeat(Math.ceil((10 * 1024 * 1024) / 28));
const huge = await compareOverhead(
  {
    'no handler': () => model.invoke(hugePrompt, { callbacks: [] }),
    'OTel floor': () => model.invoke(hugePrompt, { callbacks: [floor] }),
    Sightline: () => model.invoke(hugePrompt, { callbacks: [sightline] }),
  },
  { baseline: 'no handler', floor: 'OTel floor', subject: 'Sightline', calls: 40, warmup: 5, chunks: 4 },
);
const hugeAddedMs = (huge.means.Sightline - huge.means['no handler']) / 1e6;
const hugeOk = hugeAddedMs <= HUGE_PROMPT_TARGET_MS;
lines.push(
  '### One model call with a 10 MB prompt (content capture off)',
  '',
  overheadTable(huge, 'no handler'),
  '',
  `Sightline adds ${hugeAddedMs.toFixed(1)} ms per call (the floor ${((huge.means['OTel floor'] - huge.means['no handler']) / 1e6).toFixed(1)} ms): ` +
    `texts over 64 KiB are fingerprinted from a 64 KiB sample. Target: at most ${HUGE_PROMPT_TARGET_MS} ms — ${hugeOk ? '**met**' : '**not met**'}.`,
  '',
);
lines.push(`Load average (1 / 5 / 15 min) on this 2-core machine: ${loadBefore} before, ${loadAverage()} after.`, '');
lines.push(
  `Target: Sightline's overhead at or under ${TARGET}× the floor's on both workloads, with the handler passed and zero-touch, no heap growth (< 2 MiB), and at most ${HUGE_PROMPT_TARGET_MS} ms added to a 10 MB prompt — ${allMet && heapOk && hugeOk ? '**met**' : '**not met**'}.`,
);
console.log(lines.join('\n'));
await obs.shutdown();
