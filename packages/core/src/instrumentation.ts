// The narrow entry for instrumentation packages (@sightline/langchain, mcp, vector, gpu and
// third-party ones): recording, spans, parent resolution, tags and the evaluation hand-off, plus
// what @sightline/evaluation needs to run beside core (engine registration, evaluation contexts,
// alert records, the logs API).
// It never needs an OpenTelemetry SDK; apps import `@sightline/core` instead.
export { withTags, getTags, processTags, tagContext, tagSchemaKeys, isContentCaptureEnabled, forceFlush } from './runtime/top-level.js';
export { TAGS_CONTEXT_KEY, type TagValue } from './tags/tag-context.js';
export { injectTraceContext, extractTraceContext, type Carrier } from './propagation.js';
export { registerParentResolver, resolveParentContext } from './spans/parent.js';
export { traced, markFailed, type SpanSpec, type SpanOutcome, type TracedHooks } from './spans/traced.js';
export { registerSpanHook, type SpanHook } from './spans/span-hooks.js';
export { cachedTracer } from './spans/tracer-cache.js';
export { foreignStorageLane, type StorageLane } from './spans/shared-storage.js';
export { errorTypeOf } from './spans/error-type.js';
export { recordMetric, recordMetrics, type MetricRecord, type RecordOptions } from './metrics/record.js';
export { METRICS, type MetricDefinition } from './metrics/definitions.js';
export { countInternal } from './metrics/internal-counters.js';
export { countDropped, type Signal } from './metrics/dropped.js';
export { chatPromptHash, promptHash, type PromptHashInput, type PromptMessage } from './prompt-hash.js';
export {
  submitForEvaluation,
  noteRetrievedDocuments,
  isEvaluationEnabled,
  isInsideEvaluation,
  registerEvaluationEngine,
  unregisterEvaluationEngine,
  evaluatorContextFor,
  signalContextFor,
  type EvaluationEngine,
  type EvaluationInput,
  type EvaluationPlugin,
  type EvaluationServices,
} from './evaluation-hook/index.js';
export { emitAlertRecord, type AlertRecord } from './alerts/alert-record.js';
export type { DriftAlert, QualityBreachAlert } from './alerts/quality-alerts.js';
export type { SightlineAlert } from './alerts/sightline-alert.js';
export { METER_NAME } from './metrics/meter-name.js';
export { resolveModelPrice, costOfModelCall, type TokenUsage } from './pricing/index.js';
export { finishModelCall, type ModelCallStart, type ModelCallResult } from './model-calls/model-call.js';
export { usageFromProviderShape } from './model-calls/usage-shapes.js';
export { isModelCall } from './model-calls/nested.js';
export {
  finishModelCallFromSpan,
  usageFromSpanAttributes,
  SEMCONV_USAGE_ATTRIBUTES,
  type SpanModelCall,
  type UsageAttributeNames,
} from './model-calls/span-model-call.js';
export { asObject, numberAt, countValue, stringAt, nonEmptyString, sum, type Loose } from './model-calls/loose-fields.js';
export { createLogger, type SightlineLogger } from './internal/logger.js';
export { boundedJson, type BoundedJson } from './content/bounded-json.js';
export { ContentRecorder, type ContentOptions } from './content/content-recorder.js';
export { logsApi, SEVERITY, type LogsApi } from './internal/logs-api.js';
export { reportFailure, safely } from './internal/safely.js';
export type { ParentResolver } from './spans/parent.js';
export * as semconv from './semconv.js';
