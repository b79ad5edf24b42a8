import { createLogger, semconv } from '@sightline/core/instrumentation';
import { countEvalError } from '../eval-errors.js';
import { withEvaluationFeatureTag } from '../feature-tag.js';
import { runWithTimeout } from '../timeout.js';
import type { EvaluationContext, EvaluationScore, Evaluator } from '../types.js';
import { buildJudgePrompt, resolveCriterion, type Criterion } from './criteria.js';
import { toJudgeFunction, type Judge } from './judge.js';
import { parseJudgeReply } from './reply-parser.js';

const log = createLogger('evaluation');

export interface LlmJudgeOptions {
  /** `(prompt) => Promise<string>`, or a chat model: anything with `invoke(messages)` → `{ content }`. */
  judge: Judge;
  /** One judge call per criterion per evaluated model call. */
  criteria: readonly Criterion[];
  /** Fraction of model calls judged, 0..1. Default 1. */
  sampleRate?: number;
  /** Judge every failed model call regardless of `sampleRate`. Default true. */
  sampleOnError?: boolean;
  /** A score below this is a breach. Default: none (scores only). */
  threshold?: number;
  /** Per judge call. Default 30 000 ms. */
  timeoutMs?: number;
  /** Model calls judged at once; criteria of one call run one after another. Default 2. */
  concurrency?: number;
  /** The evaluator's name in warnings. Default `llm_judge`. */
  name?: string;
}

const DEFAULT_TIMEOUT_MS = 30_000;
/** The engine's own deadline sits just past the sum of the per-call ones, as a backstop. */
const ENGINE_DEADLINE_MARGIN_MS = 1000;

/**
 * An evaluator that asks a model to grade each call against rubrics and reply
 * with JSON. A reply that cannot be read, a refusal, an out-of-range number, a
 * judge that throws or exceeds `timeoutMs`: each gives no score for that
 * criterion and counts `sightline.eval.errors{sightline.reason}`.
 */
export function llmJudge(options: LlmJudgeOptions): Evaluator {
  const judge = toJudgeFunction(options.judge);
  const criteria = options.criteria.map(resolveCriterion);
  const timeoutMs = Math.max(1, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const { threshold } = options;
  const name = options.name ?? 'llm_judge';

  async function judgeOne(criterion: (typeof criteria)[number], context: EvaluationContext, signal: AbortSignal) {
    const prompt = buildJudgePrompt(criterion, context);
    const outcome = await runWithTimeout(
      (callSignal) => withEvaluationFeatureTag(() => judge(prompt, { signal: callSignal })),
      timeoutMs,
      signal,
    );
    if (!outcome.ok) {
      countEvalError(outcome.timedOut ? semconv.REASON_EVAL_TIMEOUT : semconv.REASON_EVAL_JUDGE_FAILED, criterion.name);
      if (!outcome.timedOut) log.warnOnce(`judge-failed:${name}`, `the judge of ${name} failed; no score`, outcome.error);
      return undefined;
    }
    const verdict = parseJudgeReply(outcome.value);
    if (!verdict.ok) {
      countEvalError(verdict.reason, criterion.name);
      return undefined;
    }
    const score: EvaluationScore = {
      name: criterion.name,
      value: verdict.score,
      label: verdict.label ?? (verdict.score >= (threshold ?? 0.5) ? 'pass' : 'fail'),
      explanation: verdict.explanation,
      explanationMayQuoteContent: true,
    };
    return score;
  }

  return {
    name,
    sampleRate: options.sampleRate,
    sampleOnError: options.sampleOnError,
    threshold,
    concurrency: options.concurrency ?? 2,
    timeoutMs: timeoutMs * Math.max(1, criteria.length) + ENGINE_DEADLINE_MARGIN_MS,
    async evaluate(context, signal) {
      const scores: EvaluationScore[] = [];
      for (const criterion of criteria) {
        if (signal.aborted) break;
        if (criterion.requireDocuments && context.documents.length === 0) {
          log.warnOnce(
            `no-documents:${criterion.name}`,
            `${criterion.name} needs retrieved documents and this trace has none; skipped (is the retriever instrumented?)`,
          );
          continue;
        }
        const score = await judgeOne(criterion, context, signal);
        if (score !== undefined) scores.push(score);
      }
      return scores;
    },
  };
}
