export { evaluatorContextFor, isInsideEvaluation, signalContextFor } from './run-context.js';
export {
  isEvaluationEnabled,
  noteRetrievedDocuments,
  registerEvaluationEngine,
  submitForEvaluation,
  unregisterEvaluationEngine,
} from './registry.js';
export type { EvaluationEngine, EvaluationInput, EvaluationPlugin, EvaluationServices } from './types.js';
