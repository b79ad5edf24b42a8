import type { EvaluationContext, EvaluationScore, Evaluator } from '../types.js';

/** One named check over a text. Only its name is ever recorded, never what it matched. */
export interface Rule {
  readonly name: string;
  matches(text: string): boolean;
}

/** Which part of the call a rule-based evaluator reads. */
export type RuleTarget = 'answer' | 'question' | 'both';

export interface RuleEvaluatorOptions {
  /** The score's evaluation name (`ATTR_GEN_AI_EVALUATION_NAME`). */
  name: string;
  rules: readonly Rule[];
  /** Default `answer`: what the model said is what leaks. */
  target?: RuleTarget;
  /** Labels for "nothing matched" and "something matched". */
  labels?: { clean: string; matched: string };
  /** Default 1: any match is a breach. */
  threshold?: number;
  sampleRate?: number;
  sampleOnError?: boolean;
}

const RULE_DEFAULTS = { concurrency: 4, timeoutMs: 1000 } as const;

/**
 * Score 1 when no rule matches and 0 when any does; the matched rule names go
 * to `matchedRules` and the explanation. Synchronous and model-free, but still
 * run by the engine, off the hot path.
 */
export function ruleEvaluator(options: RuleEvaluatorOptions): Evaluator {
  const { name, rules } = options;
  const target = options.target ?? 'answer';
  const labels = options.labels ?? { clean: 'clean', matched: 'detected' };
  return {
    name,
    sampleRate: options.sampleRate,
    sampleOnError: options.sampleOnError,
    threshold: options.threshold ?? 1,
    ...RULE_DEFAULTS,
    evaluate(context: EvaluationContext): readonly EvaluationScore[] {
      const texts = textsOf(context, target);
      const matched = rules.filter((rule) => texts.some((text) => rule.matches(text))).map((rule) => rule.name);
      return [
        {
          name,
          value: matched.length === 0 ? 1 : 0,
          label: matched.length === 0 ? labels.clean : labels.matched,
          explanation: matched.length === 0 ? 'no rule matched' : `matched: ${matched.join(', ')}`,
          matchedRules: matched,
        },
      ];
    },
  };
}

function textsOf(context: EvaluationContext, target: RuleTarget): string[] {
  if (target === 'answer') return [context.answer];
  if (target === 'question') return [context.question];
  return [context.question, context.answer];
}

/** A rule that matches when `pattern` finds a candidate that `accept` (if given) confirms. */
export function patternRule(name: string, pattern: RegExp, accept?: (candidate: string) => boolean): Rule {
  const flags = pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`;
  return {
    name,
    matches(text) {
      // A fresh RegExp per call: shared global regexes carry lastIndex between calls.
      for (const match of text.matchAll(new RegExp(pattern.source, flags))) {
        if (accept === undefined || accept(match[0])) return true;
      }
      return false;
    },
  };
}
