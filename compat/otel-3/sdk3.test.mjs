// Sightline's built core inside the OpenTelemetry 3.x line (API 1.10, SDK 3.1, sdk-node 0.301) on
// Node 24: the three ways an app combines init()/sightlineComponents() with its own NodeSDK.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { context, diag, DiagLogLevel, logs, metrics, propagation, trace } from '@opentelemetry/api';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { init, METRICS, recordMetric, sightlineComponents, withTags } from '@sightline/core';

const TAGS = { project: 'untagged', team: 'search', cost_center: 'untagged', feature: 'untagged', environment: 'untagged' };
const FIX = 'new NodeSDK({ ...sightlineComponents(options), ...yourOptions })';
let dir;
let warnings;
let cleanups;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sightline-otel3-'));
  warnings = [];
  cleanups = [];
  const capture = (...args) => warnings.push(args.map(String).join(' '));
  diag.setLogger({ error: capture, warn: capture, info() {}, debug() {}, verbose() {} }, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
});

afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  diag.disable();
  rmSync(dir, { recursive: true, force: true });
});

function appSdk(appSpans, extra = {}) {
  const sdk = new NodeSDK({
    serviceName: 'app',
    autoDetectResources: false,
    ...extra,
    spanProcessors: [...(extra.spanProcessors ?? []), new SimpleSpanProcessor({ exporter: appSpans })],
  });
  sdk.start();
  cleanups.push(async () => {
    await sdk.shutdown();
    for (const api of [trace, context, propagation, metrics, logs]) api.disable();
  });
}

function doWork() {
  withTags({ team: 'search' }, () => {
    const tracer = trace.getTracer('app');
    tracer.startActiveSpan('request', (request) => {
      tracer.startSpan('step').end();
      recordMetric(METRICS.llmCost, 0.5);
      request.end();
    });
  });
}

const lines = (signal) => readFileSync(join(dir, `${signal}.jsonl`), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
const fileSpans = () => lines('traces').flatMap((r) => r.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans)));
const plain = (attributes) => Object.fromEntries(attributes.map(({ key, value }) => [key, value.stringValue]));
const fileMetricNames = () => lines('metrics').flatMap((r) => r.resourceMetrics.flatMap((rm) => rm.scopeMetrics.flatMap((sm) => sm.metrics.map((m) => m.name))));
const sightlineWarnings = () => warnings.filter((message) => message.includes('sightlineComponents'));

test('sightlineComponents() in an SDK-3 NodeSDK: the app and Sightline each get every span, tagged', async () => {
  const appSpans = new InMemorySpanExporter();
  const parts = sightlineComponents({ exporters: { file: dir } });
  appSdk(appSpans, { ...parts });
  doWork();
  await parts.sightline.forceFlush();
  assert.deepEqual(appSpans.getFinishedSpans().map((span) => [span.name, span.attributes]), [['step', TAGS], ['request', TAGS]]);
  const spans = fileSpans();
  assert.deepEqual(spans.map((span) => [span.name, plain(span.attributes)]), [['step', TAGS], ['request', TAGS]]);
  assert.equal(spans[0].parentSpanId, spans[1].spanId);
  assert.ok(fileMetricNames().includes('sightline.llm.cost'));
  const carrier = {};
  withTags({ team: 'search' }, () => propagation.inject(context.active(), carrier));
  assert.equal(carrier.baggage, 'team=search');
  await parts.sightline.shutdown();
  trace.getTracer('app').startSpan('after').end();
  assert.ok(appSpans.getFinishedSpans().some((span) => span.name === 'after'));
  assert.deepEqual(sightlineWarnings(), []);
});

test('init() after an SDK-3 NodeSDK: nothing global taken, one warning with the fix', async () => {
  const appSpans = new InMemorySpanExporter();
  appSdk(appSpans);
  const obs = init({ exporters: { file: dir } });
  doWork();
  await obs.forceFlush();
  assert.deepEqual(appSpans.getFinishedSpans().map((span) => span.name), ['step', 'request']);
  assert.equal(sightlineWarnings().length, 1);
  assert.ok(sightlineWarnings()[0].includes(FIX));
  assert.ok(fileMetricNames().includes('sightline.llm.cost'));
  await obs.shutdown();
  trace.getTracer('app').startSpan('after').end();
  assert.ok(appSpans.getFinishedSpans().some((span) => span.name === 'after'));
});

test('init() before an SDK-3 NodeSDK: Sightline keeps every span, and the refused SDK is reported once', async () => {
  const obs = init({ exporters: { file: dir } });
  cleanups.push(() => obs.shutdown());
  appSdk(new InMemorySpanExporter());
  doWork();
  await obs.forceFlush();
  assert.deepEqual(fileSpans().map((span) => [span.name, plain(span.attributes)]), [['step', TAGS], ['request', TAGS]]);
  assert.equal(sightlineWarnings().length, 1);
  assert.ok(sightlineWarnings()[0].includes('could not register its tracer provider'));
});
