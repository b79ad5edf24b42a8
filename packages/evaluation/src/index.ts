export { evaluations } from './plugin.js';
export { startEvaluations } from './engine.js';
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
export type {
  DriftOptions,
  EvaluationContext,
  EvaluationOptions,
  EvaluationPipeline,
  EvaluationScore,
  EvaluationStats,
  EvaluationsOptions,
  Evaluator,
  RetrievedDocumentsOptions,
} from './types.js';
