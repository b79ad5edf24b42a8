export { startEvaluations } from './engine.js';
export { isInsideEvaluation } from './eval-context.js';
export { isEvaluationEnabled, noteRetrievedDocuments, submitForEvaluation } from './registry.js';
export { llmJudge, type LlmJudgeOptions } from './judge/llm-judge.js';
export {
  chatModelJudge,
  type Judge,
  type JudgeCallOptions,
  type JudgeChatModel,
  type JudgeFunction,
  type JudgeMessage,
} from './judge/judge.js';
export type { BuiltInCriterion, Criterion, CustomCriterion } from './judge/criteria.js';
export { ruleEvaluator, patternRule, type Rule, type RuleEvaluatorOptions, type RuleTarget } from './rules/rule-evaluator.js';
export { piiDetector, type PiiOptions, type PiiRuleName } from './rules/pii.js';
export { secretsDetector, type SecretsOptions } from './rules/secrets.js';
export { refusalDetector, type RefusalOptions } from './rules/refusal.js';
export { regexEvaluator, type RegexEvaluatorOptions } from './rules/custom-regex.js';
export type { DriftAlert, QualityBreachAlert, SightlineAlert, SightlineAlertKind } from './alerts.js';
export type {
  DriftOptions,
  EvaluationContext,
  EvaluationEngine,
  EvaluationInput,
  EvaluationOptions,
  EvaluationScore,
  EvaluationStats,
  Evaluator,
  RetrievedDocumentsOptions,
} from './types.js';
