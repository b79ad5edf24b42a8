import { context, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type SpanContext } from '@opentelemetry/api';
import { init, semconv } from '@sightline/core';
import { logsApi } from '@sightline/core/instrumentation';

/**
 * Writes a real `.sightline/` directory: core's `init` with the file exporter,
 * spans created through the OTel API with explicit times (so durations are
 * known), tags stamped by core from `withTags`, and evaluation log records
 * emitted through the global logger provider. The files are exactly what an
 * instrumented app writes.
 */

export const T0 = Date.UTC(2025, 2, 1, 10, 0, 0);

export interface Tags {
  team?: string;
  feature?: string;
  project?: string;
}

export interface ModelCallSpec {
  tags?: Tags;
  model: string;
  provider?: string;
  inputTokens: number;
  outputTokens: number;
  /** Omitted: an unpriced model (no sightline.cost.usd). */
  costUsd?: number;
  startMs: number;
  durationMs: number;
  promptHash?: string;
  failed?: boolean;
  gpu?: { id: string; utilizationStart: number; utilizationEnd: number; memoryStart?: number; memoryEnd?: number };
  /** Input tokens served from the provider's prompt cache. */
  cacheReadInputTokens?: number;
  reasoningOutputTokens?: number;
  /** Set on streamed calls only: seconds to the first chunk. */
  timeToFirstChunkSeconds?: number;
  /** The provider reported no usage: core then marks the span and prices nothing. */
  usageMissing?: boolean;
}

export interface SpanSpec {
  name: string;
  startMs: number;
  durationMs: number;
  attributes?: Attributes;
  kind?: SpanKind;
  children?: SpanSpec[];
  /** Ends with status ERROR and an error.type. */
  failed?: boolean;
  /** Receives the span's context once started: to parent a span of another process to it. */
  onStart?: (spanContext: SpanContext) => void;
}

export interface Generator {
  /** A model call as the LangChain handler records it; returns its span context for evaluations. */
  modelCall(spec: ModelCallSpec, parent?: SpanContext): SpanContext;
  /** A whole span tree under `tags`, below `parent` (a span of another process, or one never written); returns the root's span context. */
  spanTree(root: SpanSpec, tags?: Tags, parent?: SpanContext): SpanContext;
  evaluation(target: SpanContext, name: string, score: number, timeMs: number, tags?: Tags): void;
  /** Exports what is buffered: one more line per signal, so small files rotate. */
  flush(): Promise<void>;
}

export interface GenerateOptions {
  /** Rotate files past this size, to exercise traces.N.jsonl. */
  maxFileBytes?: number;
  /** The process's service.name; default `cli-test-app`. */
  serviceName?: string;
}

export async function generateTelemetry(
  dir: string,
  build: (generator: Generator) => void | Promise<void>,
  options: GenerateOptions = {},
): Promise<void> {
  const obs = init({
    serviceName: options.serviceName ?? 'cli-test-app',
    exporters: { file: { dir, maxFileBytes: options.maxFileBytes ?? 16 * 1024 * 1024, maxFiles: 20 } },
    // Only team and feature vary; the other schema keys get defaults, so "untagged" means a missing team.
    defaultTags: { project: 'support-bot', cost_center: 'cc-1', environment: 'test' },
    metricExportIntervalMs: 60_000,
  });
  const tracer = trace.getTracer('cli-test-generator');
  const withTags = <T>(tags: Tags | undefined, fn: () => T): T => (tags ? obs.withTags(tags, fn) : fn());

  const generator: Generator = {
    modelCall(spec, parent) {
      return withTags(spec.tags, () => {
        // The parent context is taken inside withTags: core stamps the tags it carries.
        const active = parent ? trace.setSpanContext(context.active(), parent) : context.active();
        const span = tracer.startSpan(
          `chat ${spec.model}`,
          { kind: SpanKind.CLIENT, startTime: spec.startMs, attributes: modelAttributes(spec) },
          active,
        );
        if (spec.failed) {
          span.setAttribute(semconv.ATTR_ERROR_TYPE, 'timeout');
          span.setStatus({ code: SpanStatusCode.ERROR, message: 'timed out' });
        }
        span.end(spec.startMs + spec.durationMs);
        return span.spanContext();
      });
    },
    spanTree(root, tags, parent) {
      return withTags(tags, () => startTree(root, parent ? trace.setSpanContext(context.active(), parent) : context.active()));
    },
    flush: () => obs.forceFlush(),
    evaluation(target, name, score, timeMs, tags) {
      withTags(tags, () =>
        logsApi()
          .getLogger('cli-test-evaluator')
          .emit({
            eventName: semconv.EVENT_GEN_AI_EVALUATION_RESULT,
            timestamp: timeMs,
            attributes: { [semconv.ATTR_GEN_AI_EVALUATION_NAME]: name, [semconv.ATTR_GEN_AI_EVALUATION_SCORE_VALUE]: score },
            context: trace.setSpanContext(context.active(), target),
          }),
      );
    },
  };

  function startTree(spec: SpanSpec, parent: Context): SpanContext {
    const span = tracer.startSpan(
      spec.name,
      { kind: spec.kind ?? SpanKind.INTERNAL, startTime: spec.startMs, attributes: spec.attributes },
      parent,
    );
    spec.onStart?.(span.spanContext());
    const inside = trace.setSpan(parent, span);
    for (const child of spec.children ?? []) startTree(child, inside);
    if (spec.failed) {
      span.setAttribute(semconv.ATTR_ERROR_TYPE, 'failed');
      span.setStatus({ code: SpanStatusCode.ERROR, message: 'failed' });
    }
    span.end(spec.startMs + spec.durationMs);
    return span.spanContext();
  }

  try {
    await build(generator);
  } finally {
    await obs.shutdown();
  }
}

/** A model call as a child in a span tree: the same attributes as `modelCall` writes. */
export function modelCallSpan(spec: ModelCallSpec): SpanSpec {
  return {
    name: `chat ${spec.model}`,
    kind: SpanKind.CLIENT,
    startMs: spec.startMs,
    durationMs: spec.durationMs,
    attributes: modelAttributes(spec),
    failed: spec.failed,
  };
}

function modelAttributes(spec: ModelCallSpec): Attributes {
  const attributes: Attributes = {
    [semconv.ATTR_GEN_AI_OPERATION_NAME]: semconv.GEN_AI_OPERATION_CHAT,
    [semconv.ATTR_GEN_AI_PROVIDER_NAME]: spec.provider ?? providerOf(spec.model),
    [semconv.ATTR_GEN_AI_REQUEST_MODEL]: spec.model,
    [semconv.ATTR_GEN_AI_RESPONSE_MODEL]: spec.model,
    [semconv.ATTR_GEN_AI_USAGE_INPUT_TOKENS]: spec.inputTokens,
    [semconv.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: spec.outputTokens,
  };
  if (spec.costUsd !== undefined) attributes[semconv.ATTR_SIGHTLINE_COST_USD] = spec.costUsd;
  if (spec.cacheReadInputTokens !== undefined) attributes[semconv.ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS] = spec.cacheReadInputTokens;
  if (spec.reasoningOutputTokens !== undefined) attributes[semconv.ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS] = spec.reasoningOutputTokens;
  if (spec.timeToFirstChunkSeconds !== undefined)
    attributes[semconv.ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK] = spec.timeToFirstChunkSeconds;
  if (spec.usageMissing) {
    attributes[semconv.ATTR_SIGHTLINE_USAGE_MISSING] = true;
    delete attributes[semconv.ATTR_GEN_AI_USAGE_INPUT_TOKENS];
    delete attributes[semconv.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS];
  }
  if (spec.promptHash !== undefined) attributes[semconv.ATTR_SIGHTLINE_PROMPT_HASH] = spec.promptHash;
  if (spec.gpu) {
    attributes[semconv.ATTR_SIGHTLINE_GPU_ID] = spec.gpu.id;
    attributes[semconv.ATTR_SIGHTLINE_GPU_UTILIZATION_START] = spec.gpu.utilizationStart;
    attributes[semconv.ATTR_SIGHTLINE_GPU_UTILIZATION_END] = spec.gpu.utilizationEnd;
    if (spec.gpu.memoryStart !== undefined) attributes[semconv.ATTR_SIGHTLINE_GPU_MEMORY_USAGE_START] = spec.gpu.memoryStart;
    if (spec.gpu.memoryEnd !== undefined) attributes[semconv.ATTR_SIGHTLINE_GPU_MEMORY_USAGE_END] = spec.gpu.memoryEnd;
  }
  return attributes;
}

function providerOf(model: string): string {
  if (model.startsWith('claude')) return semconv.GEN_AI_PROVIDER_ANTHROPIC;
  if (model.startsWith('llama')) return 'ollama';
  return semconv.GEN_AI_PROVIDER_OPENAI;
}
