/** sightline.*: evaluation, alerts, budgets and SDK conflicts. Part of semconv.ts, the one place names live. */

// ---------------------------------------------------------------- sightline: metrics
/** Histogram of evaluation scores, 0..1. Labels: gen_ai.evaluation.name, gen_ai.response.model, gen_ai.provider.name. */
export const METRIC_SIGHTLINE_EVAL_SCORE = 'sightline.eval.score';
/** Counter of evaluation scores below their threshold; same labels as `sightline.eval.score`. */
export const METRIC_SIGHTLINE_EVAL_BREACHES = 'sightline.eval.breaches';

// ---------------------------------------------------------------- sightline: buckets
/** 0..1 scores for `sightline.eval.score`. */
export const SCORE_BUCKETS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

// ---------------------------------------------------------------- sightline: evaluation
/** `true` on the span that marks a quality breach inside the evaluated call's trace (see `SPAN_SIGHTLINE_EVAL_BREACH`). */
export const ATTR_SIGHTLINE_EVAL_BREACH = 'sightline.eval.breach';
/** Name of the span a breach adds under the evaluated span, so that a tail sampler deciding on the trace can keep it. */
export const SPAN_SIGHTLINE_EVAL_BREACH = 'evaluation breach';
/** Names of the rules a rule-based evaluator matched (never the matched text). */
export const ATTR_SIGHTLINE_EVAL_MATCHED_RULES = 'sightline.eval.matched_rules';
/** Counter of evaluations that produced no score. Labels: sightline.reason, gen_ai.evaluation.name. */
export const METRIC_SIGHTLINE_EVAL_ERRORS = 'sightline.eval.errors';
/** `sightline.telemetry.dropped{sightline.signal="evaluations"}` reason when an evaluator's queue is full. */
export const REASON_EVAL_QUEUE_FULL = 'eval_queue_full';
/** `sightline.reason` on `sightline.eval.errors`: an evaluator or judge call ran past its timeout. */
export const REASON_EVAL_TIMEOUT = 'timeout';
/** `sightline.reason` on `sightline.eval.errors`: the judge model refused to score. */
export const REASON_EVAL_REFUSED = 'refused';
/** `sightline.reason` on `sightline.eval.errors`: a score outside 0..1. */
export const REASON_EVAL_OUT_OF_RANGE = 'out_of_range';
/** `sightline.reason` on `sightline.eval.errors`: the LLM judge function threw or rejected. */
export const REASON_EVAL_JUDGE_FAILED = 'judge_failed';
/** `sightline.reason` on `sightline.eval.errors`: an evaluator threw or rejected. */
export const REASON_EVAL_EVALUATOR_FAILED = 'evaluator_failed';
/** The `feature` tag value on the judge's own model calls, so evaluation cost is attributed. */
export const EVAL_FEATURE_TAG_VALUE = 'sightline-eval';

// ---------------------------------------------------------------- sightline: budgets + cli
/** Event name of the log record for every alert Sightline raises (budget, quality breach, drift, untagged spike). */
export const EVENT_SIGHTLINE_ALERT = 'sightline.alert';
/** What raised a `sightline.alert`: `budget`, `quality_breach`, `drift` or `untagged_spike`. */
export const ATTR_SIGHTLINE_ALERT_KIND = 'sightline.alert.kind';
/** `sightline.alert.kind` value: a budget threshold was crossed. */
export const ALERT_KIND_BUDGET = 'budget';
/** `sightline.alert.kind` value: an evaluation score fell below its threshold. */
export const ALERT_KIND_QUALITY_BREACH = 'quality_breach';
/** `sightline.alert.kind` value: an evaluation's rolling mean score drifted below its reference. */
export const ALERT_KIND_DRIFT = 'drift';
/** `sightline.alert.kind` value: too large a share of a window's spans carried no tags. */
export const ALERT_KIND_UNTAGGED_SPIKE = 'untagged_spike';
/** On an `untagged_spike` alert: the share (0..1) of spans in the window that carried no tag from their context. */
export const ATTR_SIGHTLINE_UNTAGGED_SHARE = 'sightline.untagged.share';
/** On an `untagged_spike` alert: spans started in the window so far. */
export const ATTR_SIGHTLINE_UNTAGGED_WINDOW_SPANS = 'sightline.untagged.window_spans';
/** Counter of budget thresholds crossed. Labels: sightline.budget.name, sightline.budget.window, sightline.budget.threshold. */
export const METRIC_SIGHTLINE_BUDGET_BREACHES = 'sightline.budget.breaches';
/** Label on `sightline.budget.breaches` and attribute on budget alerts: the budget's name. */
export const ATTR_SIGHTLINE_BUDGET_NAME = 'sightline.budget.name';
/** `1h`, `1d` or `30d`. */
export const ATTR_SIGHTLINE_BUDGET_WINDOW = 'sightline.budget.window';
/** The fraction of the limit that was crossed: 0.8 or 1. */
export const ATTR_SIGHTLINE_BUDGET_THRESHOLD = 'sightline.budget.threshold';
/** On a `budget` alert record: the budget's limit in US dollars. */
export const ATTR_SIGHTLINE_BUDGET_LIMIT_USD = 'sightline.budget.limit_usd';
/** On a `budget` alert record: US dollars spent since the window started. */
export const ATTR_SIGHTLINE_BUDGET_SPENT_USD = 'sightline.budget.spent_usd';
/** ISO 8601 start of the window the alert belongs to. */
export const ATTR_SIGHTLINE_BUDGET_WINDOW_START = 'sightline.budget.window_start';
/** Counter: OpenTelemetry SDKs found in conflict with `init()`, by `sightline.sdk.order` (`sdk_first`, `sightline_first`). */
export const METRIC_SIGHTLINE_SDK_CONFLICTS = 'sightline.sdk.conflicts';
export const ATTR_SIGHTLINE_SDK_ORDER = 'sightline.sdk.order';
