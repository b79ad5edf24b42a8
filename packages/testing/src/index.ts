export { setupTestTelemetry, type MetricPoint, type TestTelemetry } from './setup.js';
export { childrenOf, expectParent, expectTree, findSpan, renderTree, rootsOf, type SpanShape } from './tree.js';
export { decodeAttributes, readFileSpans, readOtlpLines, type FileSpan } from './otlp-files.js';
export {
  startReplayServer,
  type ReplayEvent,
  type ReplayRequest,
  type ReplayResponse,
  type ReplayRoute,
  type ReplayServer,
} from './replay-server.js';
