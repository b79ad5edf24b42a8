import { patternRule, ruleEvaluator, type RuleEvaluatorOptions } from './rule-evaluator.js';
import type { Evaluator } from '../types.js';

export interface RegexEvaluatorOptions extends Omit<RuleEvaluatorOptions, 'rules'> {
  /** Rule name → pattern. The names are recorded when they match; the text never is. */
  patterns: Readonly<Record<string, RegExp>>;
}

/** Your own patterns as a rule-based evaluator: 1 when none matches. */
export function regexEvaluator(options: RegexEvaluatorOptions): Evaluator {
  const rules = Object.entries(options.patterns).map(([name, pattern]) => patternRule(name, pattern));
  return ruleEvaluator({ ...options, rules });
}
