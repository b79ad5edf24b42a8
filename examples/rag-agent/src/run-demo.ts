import { mkdir, readdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Report } from '@sightline/cli';
import { startGpuSampler, type GpuSampler } from '@sightline/gpu';
import { SightlineCallbackHandler } from '@sightline/langchain';
import { createSupportAgent, searchDocsTool } from './agent.js';
import { createChatModels } from './chat-models.js';
import { startChroma, type ChromaServer } from './chroma-server.js';
import { loadKnowledgeBase, ProductDocsRetriever } from './knowledge-base.js';
import { buildRequests, runPool } from './load.js';
import { connectOrderService, orderTools, type OrderService } from './order-tools.js';
import { reportOnRun } from './report.js';
import { openReturnsDesk, type ReturnsDesk } from './returns-desk.js';
import { serveRequest, type RequestOutcome } from './serve-request.js';
import { startTelemetry, type DemoTelemetry } from './telemetry.js';

const ORDER_SERVICE_SUBDIR = 'order-service';

export interface DemoOptions {
  /** Telemetry directory; its earlier telemetry files are removed first. Default `.sightline`. */
  dir?: string;
  /** Where the HTML report goes. Default `sightline-report.html`. */
  htmlPath?: string;
  otlpUrl?: string;
  prometheusPort?: number;
  /** Interface the Prometheus endpoint binds. Default 127.0.0.1. */
  prometheusHost?: string;
  /** Requests per team × feature. Default 10 (60 in all). */
  requestsPerCombination?: number;
  /** Requests in flight at once. Default 4. */
  concurrency?: number;
  /** The built order-service server. Default: `mcp-server.js` beside this file (the demo's dist). */
  mcpServerScript?: string;
  /** Aborting stops new requests, cancels running ones, and cleans up. */
  signal?: AbortSignal;
  /** Called after the report, before shutdown: the Prometheus endpoint stays up until it resolves. */
  beforeShutdown?: () => Promise<void>;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

export interface DemoResult {
  dir: string;
  outcomes: RequestOutcome[];
  /** The trace `diagnose` explained: the slowest order request. */
  diagnosedTraceId: string;
  report: Report;
  /** Report summary, diagnose and alerts, as printed. */
  text: string;
  gpuStatus: string;
  loadSeconds: number;
}

/**
 * The whole demo: Chroma and the order-service MCP server as child processes,
 * the GPU sampler, the support agent serving two teams' traffic, then the
 * report and one diagnose from the telemetry files. Everything started here is
 * stopped here, on success, error or abort.
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const dir = resolve(options.dir ?? '.sightline');
  await clearTelemetryFiles(dir);
  const models = await createChatModels(options.env);
  let telemetry: DemoTelemetry | undefined;
  let sampler: GpuSampler | undefined;
  let chroma: ChromaServer | undefined;
  let orders: OrderService | undefined;
  let returnsDesk: ReturnsDesk | undefined;
  try {
    telemetry = startTelemetry({ ...options, dir, judgeModel: models.source === 'scripted' ? undefined : models.byTier.small });
    sampler = await startGpuSampler({ intervalMs: 1000 });
    const gpuStatus = `${sampler.status()}${sampler.unavailableReason ? ` (${sampler.unavailableReason})` : ''}`;
    log(`GPU sampler: ${gpuStatus}`);
    chroma = await startChroma();
    const collection = await loadKnowledgeBase(chroma.host, chroma.port);
    log(`Chroma on ${chroma.url}: ${await collection.count()} product docs`);
    // Each process writes (and rotates) its own files: the order service in a subdirectory the CLI also reads.
    orders = await connectOrderService(
      options.mcpServerScript ?? join(import.meta.dirname, 'mcp-server.js'),
      join(dir, ORDER_SERVICE_SUBDIR),
    );
    log(`order-service MCP server running as a child process over stdio; models: ${models.source}`);

    returnsDesk = await openReturnsDesk(options.env);
    const tools = [searchDocsTool(new ProductDocsRetriever(collection)), ...orderTools(orders.client)];
    const agents = { small: createSupportAgent(models.byTier.small, tools), large: createSupportAgent(models.byTier.large, tools) };
    const handler = new SightlineCallbackHandler();
    const requests = buildRequests(options.requestsPerCombination);
    const startedAt = performance.now();
    const outcomes = await runPool(
      requests,
      options.concurrency ?? 4,
      (request) => serveRequest(telemetry!.obs, agents, handler, request, options.signal, returnsDesk),
      options.signal,
    );
    const loadSeconds = (performance.now() - startedAt) / 1000;
    options.signal?.throwIfAborted();
    const failed = outcomes.filter((outcome) => outcome.error !== undefined).length;
    log(`${outcomes.length} requests (2 teams × 3 features) in ${loadSeconds.toFixed(1)} s, ${failed} failed`);

    // The order service flushes its spans when its stdin closes; the report needs them.
    await orders.close();
    orders = undefined;
    await telemetry.obs.forceFlush();
    // The slowest order request crosses every layer: model, Chroma, and the MCP server in its own process.
    const slowest = outcomes
      .filter((outcome) => outcome.request.feature === 'orders')
      .reduce((a, b) => (b.durationMs > a.durationMs ? b : a));
    const htmlPath = resolve(options.htmlPath ?? 'sightline-report.html');
    const { report, text } = await reportOnRun(dir, slowest.traceId, htmlPath, telemetry.alerts);
    log(text);
    await options.beforeShutdown?.();
    return { dir, outcomes, diagnosedTraceId: slowest.traceId, report, text, gpuStatus, loadSeconds };
  } finally {
    await settleAll([orders?.close(), chroma?.stop(), sampler?.stop(), returnsDesk?.stop()], log);
    await telemetry?.obs.shutdown();
  }
}

/** Starts the report from this run only: removes earlier telemetry files, and nothing else, from `dir` and the order service's subdirectory. */
async function clearTelemetryFiles(dir: string): Promise<void> {
  for (const each of [dir, join(dir, ORDER_SERVICE_SUBDIR)]) {
    await mkdir(each, { recursive: true });
    const files = (await readdir(each)).filter((name) => /^(traces|metrics|logs)(\.\d+)?\.jsonl$/.test(name));
    await Promise.all(files.map((name) => rm(join(each, name), { force: true })));
  }
}

/** Every cleanup step runs even when another fails; a failure is logged, never thrown over the run's own outcome. */
async function settleAll(steps: (Promise<void> | undefined)[], log: (line: string) => void): Promise<void> {
  for (const result of await Promise.allSettled(steps)) {
    if (result.status === 'rejected') log(`cleanup failed: ${String(result.reason)}`);
  }
}
