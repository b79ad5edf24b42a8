export { init } from './runtime/init.js';
export { withTags, getTags, tagContext, isContentCaptureEnabled, forceFlush } from './runtime/top-level.js';
export { sightlineSpanProcessor, type SpanProcessorOptions } from './runtime/bring-your-own-sdk.js';
export { sightlineComponents, type ComponentOptions, type SightlineComponents } from './runtime/sdk-components.js';
export { sightlinePropagator, type SightlineSdkParts } from './runtime/components.js';
export { TagsBaggagePropagator } from './tags/tags-propagator.js';
export { defaultTagSchema } from './tags/schema.js';
export { TAGS_CONTEXT_KEY, type TagValue } from './tags/tag-context.js';
export { MAX_BAGGAGE_BYTES, MAX_BAGGAGE_ENTRIES, MAX_TAG_VALUE_BYTES } from './tags/baggage-codec.js';
export { injectTraceContext, extractTraceContext, type Carrier, type ExtractOptions } from './propagation.js';
export type { IncomingTagsPolicy } from './tags/incoming-tags.js';
export { registerParentResolver, resolveParentContext } from './spans/parent.js';
export { sightlineContextManager } from './spans/resolving-context-manager.js';
export { traced, markFailed, type SpanSpec, type SpanOutcome, type TracedHooks } from './spans/traced.js';
export { registerSpanHook, type SpanHook } from './spans/span-hooks.js';
export { cachedTracer } from './spans/tracer-cache.js';
export { errorTypeOf } from './spans/error-type.js';
export { recordMetric, recordMetrics, type MetricRecord, type RecordOptions } from './metrics/record.js';
export { METRICS, type MetricDefinition } from './metrics/definitions.js';
export { sightlineMetricsView } from './metrics/tag-view.js';
export { countInternal, readInternalCounter } from './metrics/internal-counters.js';
export { countDropped, type Signal } from './metrics/dropped.js';
export {
  createBudgetTracker,
  type BudgetAlert,
  type BudgetConfig,
  type BudgetStatus,
  type BudgetTracker,
  type BudgetTrackerOptions,
  type BudgetWindow,
} from './budgets/index.js';
export { chatPromptHash, promptHash, type PromptHashInput, type PromptMessage } from './prompt-hash.js';
export type { UntaggedAlertOptions, UntaggedSpikeAlert } from './alerts/untagged-spike.js';
export {
  submitForEvaluation,
  noteRetrievedDocuments,
  isEvaluationEnabled,
  isInsideEvaluation,
  type EvaluationEngine,
  type EvaluationInput,
  type EvaluationPlugin,
  type EvaluationServices,
} from './evaluation-hook/index.js';
export type { DriftAlert, QualityBreachAlert } from './alerts/quality-alerts.js';
export type { SightlineAlert, SightlineAlertKind } from './alerts/sightline-alert.js';
export {
  configurePricing,
  resolveModelPrice,
  computeCostUsd,
  costOfModelCall,
  PRICING_CATALOG_VERSION,
  type ModelPrice,
  type PricingOptions,
  type ResolvedModelPrice,
  type TokenUsage,
} from './pricing/index.js';
export { startPrometheusEndpoint, type PrometheusEndpoint, type PrometheusEndpointOptions } from './exporters/prometheus/index.js';
export { DEFAULT_FILE_DIR, telemetryFileName, telemetryFileRotation } from './exporters/file-layout.js';
export { createLogger, type SightlineLogger } from './internal/logger.js';
export { reportFailure, safely } from './internal/safely.js';
export type {
  DefaultTagSchema,
  ExporterOptions,
  FileExporterOptions,
  InitOptions,
  OtlpExporterOptions,
  OtlpSignal,
  ParentResolver,
  PipelineOptions,
  RegisteredTagSchema,
  Register,
  Sightline,
  TagInput,
  Tags,
  TagSchema,
} from './types.js';
export * as semconv from './semconv.js';
