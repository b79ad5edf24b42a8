import { semconv } from '@sightline/core';
import type { LogRecord } from '../read/otlp.js';

/** Beyond this many evaluated spans or traces, further scores still count in the series but are not joined. */
const MAX_JOINED = 500_000;

interface Mean {
  sum: number;
  count: number;
}

/**
 * Scores from evaluation-result log records (`EVENT_GEN_AI_EVALUATION_RESULT`), joined to model calls:
 * a record is parented to the span it evaluated, so a model span takes the
 * mean score of its own evaluations, else the mean of its trace's (an
 * evaluator that judges the agent's final answer scores every call in it).
 */
export class EvaluationScores {
  private readonly bySpan = new Map<string, Mean>();
  private readonly byTrace = new Map<string, Mean>();
  count = 0;

  /** The score of an evaluation record, or undefined for any other record. */
  static scoreOf(record: LogRecord): { name: string; score: number } | undefined {
    if (record.eventName !== semconv.EVENT_GEN_AI_EVALUATION_RESULT) return undefined;
    const score = record.attributes[semconv.ATTR_GEN_AI_EVALUATION_SCORE_VALUE];
    if (typeof score !== 'number' || !Number.isFinite(score)) return undefined;
    const name = record.attributes[semconv.ATTR_GEN_AI_EVALUATION_NAME];
    return { name: typeof name === 'string' ? name : 'evaluation', score };
  }

  add(record: LogRecord, score: number): void {
    this.count++;
    if (record.spanId) addTo(this.bySpan, record.spanId, score);
    if (record.traceId) addTo(this.byTrace, record.traceId, score);
  }

  scoreFor(traceId: string, spanId: string): number | undefined {
    const mean = this.bySpan.get(spanId) ?? this.byTrace.get(traceId);
    return mean ? mean.sum / mean.count : undefined;
  }
}

function addTo(map: Map<string, Mean>, key: string, score: number): void {
  const mean = map.get(key);
  if (mean) {
    mean.sum += score;
    mean.count++;
  } else if (map.size < MAX_JOINED) {
    map.set(key, { sum: score, count: 1 });
  }
}
