// Sightline beside the app's own NodeSDK, the three ways an app can combine them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { context, diag, DiagLogLevel, metrics, propagation, trace, type DiagLogger } from '@opentelemetry/api';
import { logsApi } from '../packages/core/src/internal/logs-api.js';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { init, METRICS, readInternalCounter, recordMetric, semconv, sightlineComponents, withTags } from '@sightline/core';
import { readFileSpans, readOtlpLines } from '@sightline/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const TAGS = { project: 'untagged', team: 'search', cost_center: 'untagged', feature: 'untagged', environment: 'prod' };
const FIX = 'new NodeSDK({ ...sightlineComponents(options), ...yourOptions })';

let dir: string;
let warnings: string[];
const cleanups: (() => Promise<unknown> | void)[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sightline-node-sdk-'));
  warnings = [];
  const capture = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
  const logger: DiagLogger = { error: capture, warn: capture, info: () => {}, debug: () => {}, verbose: () => {} };
  diag.setLogger(logger, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  diag.disable();
  rmSync(dir, { recursive: true, force: true });
});

/** The app's SDK as apps write it: its own exporter, no Sightline in it unless `extra` says so. */
function appSdk(appSpans: InMemorySpanExporter, extra: ConstructorParameters<typeof NodeSDK>[0] = {}): NodeSDK {
  const sdk = new NodeSDK({
    serviceName: 'app',
    autoDetectResources: false,
    ...extra,
    spanProcessors: [...(extra.spanProcessors ?? []), new SimpleSpanProcessor({ exporter: appSpans })],
  });
  sdk.start();
  // NodeSDK's shutdown leaves its globals registered; the next test needs them free.
  cleanups.push(async () => {
    await sdk.shutdown();
    for (const api of [trace, context, propagation, metrics, logsApi()]) api.disable();
  });
  return sdk;
}

function doWork(): void {
  withTags({ team: 'search' }, () => {
    const tracer = trace.getTracer('app');
    tracer.startActiveSpan('request', (request) => {
      tracer.startSpan('step').end();
      recordMetric(METRICS.llmCost, 0.5);
      request.end();
    });
  });
}

const sightlineWarnings = () => warnings.filter((message) => message.includes('sightlineComponents'));

describe("sightlineComponents() spread into the app's NodeSDK", () => {
  it("gives the app's exporter and Sightline's files every span, tagged, and keeps the app's globals on shutdown", async () => {
    const appSpans = new InMemorySpanExporter();
    const parts = sightlineComponents({ exporters: { file: dir }, defaultTags: { environment: 'prod' } });
    appSdk(appSpans, { ...parts });

    doWork();
    await parts.sightline.forceFlush();

    const app = appSpans.getFinishedSpans().map((span) => [span.name, span.attributes]);
    expect(app).toEqual([
      ['step', TAGS],
      ['request', TAGS],
    ]);
    const files = readFileSpans(dir);
    expect(files.map((span) => [span.name, span.attributes])).toEqual([
      ['step', TAGS],
      ['request', TAGS],
    ]);
    expect(files[0]?.parentSpanId).toBe(files[1]?.spanId);
    expect(files[0]?.resource['service.name']).toBe('app');
    const cost = (readOtlpLines(dir, 'metrics') as { resourceMetrics: { scopeMetrics: { metrics: { name: string }[] }[] }[] }[])
      .flatMap((line) => line.resourceMetrics.flatMap((resource) => resource.scopeMetrics.flatMap((scope) => scope.metrics)))
      .filter((metric) => metric.name === semconv.METRIC_SIGHTLINE_LLM_COST);
    expect(cost.length).toBeGreaterThan(0);
    // The propagator carries the tags as baggage.
    const carrier: Record<string, string> = {};
    withTags({ team: 'search' }, () => propagation.inject(context.active(), carrier));
    expect(carrier.baggage).toBe('team=search');

    await parts.sightline.shutdown();
    trace.getTracer('app').startSpan('after sightline shutdown').end();
    expect(appSpans.getFinishedSpans().map((span) => span.name)).toContain('after sightline shutdown');
    expect(sightlineWarnings()).toEqual([]);
  });
});

describe("init() after the app's NodeSDK started", () => {
  it("registers nothing global, warns once with the fix, and leaves the app's SDK whole", async () => {
    const appSpans = new InMemorySpanExporter();
    appSdk(appSpans);
    const obs = init({ exporters: { file: dir } });
    init({ exporters: { file: dir } });
    doWork();
    await obs.forceFlush();

    expect(appSpans.getFinishedSpans().map((span) => span.name)).toEqual(['step', 'request']);
    expect(sightlineWarnings()).toHaveLength(1);
    expect(sightlineWarnings()[0]).toContain(FIX);
    expect(warnings.filter((message) => message.includes('duplicate registration'))).toEqual([]);
    expect(readInternalCounter(semconv.METRIC_SIGHTLINE_SDK_CONFLICTS, { [semconv.ATTR_SIGHTLINE_SDK_ORDER]: 'sdk_first' })).toBe(1);
    // What needs no globals still runs: Sightline's own metrics reach its files.
    expect(readOtlpLines(dir, 'metrics').length).toBeGreaterThan(0);

    await obs.shutdown();
    trace.getTracer('app').startSpan('after sightline shutdown').end();
    expect(appSpans.getFinishedSpans().map((span) => span.name)).toContain('after sightline shutdown');
  });
});

describe("init() before the app's NodeSDK starts", () => {
  it("tells the user once, with the fix, that the app's SDK could not register", async () => {
    const obs = init({ exporters: { file: dir } });
    cleanups.push(() => obs.shutdown());
    const appSpans = new InMemorySpanExporter();
    appSdk(appSpans);
    doWork();
    await obs.forceFlush();
    expect(readFileSpans(dir).map((span) => [span.name, span.attributes])).toEqual([
      ['step', { ...TAGS, environment: 'untagged' }],
      ['request', { ...TAGS, environment: 'untagged' }],
    ]);
    expect(sightlineWarnings()).toHaveLength(1);
    expect(sightlineWarnings()[0]).toContain('could not register its tracer provider');
    expect(sightlineWarnings()[0]).toContain(FIX);
    expect(readInternalCounter(semconv.METRIC_SIGHTLINE_SDK_CONFLICTS, { [semconv.ATTR_SIGHTLINE_SDK_ORDER]: 'sightline_first' })).toBe(1);
  });
});
