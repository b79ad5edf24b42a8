import type { DriftAlert } from '@sightline/core/instrumentation';
import type { DriftOptions } from './types.js';

/** Rolling statistics of one evaluation for one model version. */
class VersionWindow {
  readonly baseline: number[] = [];
  private readonly recent: number[] = [];
  private next = 0;
  alerted = false;

  constructor(
    readonly previousModel: string | undefined,
    private readonly size: number,
  ) {}

  add(score: number): void {
    if (this.baseline.length < this.size) this.baseline.push(score);
    if (this.recent.length < this.size) this.recent.push(score);
    else this.recent[this.next] = score;
    this.next = (this.next + 1) % this.size;
  }

  get count(): number {
    return this.recent.length;
  }

  recentMean(): number {
    return mean(this.recent);
  }

  /** The version's first full window, once it is full. */
  baselineMean(): number | undefined {
    return this.baseline.length < this.size ? undefined : mean(this.baseline);
  }
}

interface EvaluationHistory {
  versions: Map<string, VersionWindow>;
  lastModel: string | undefined;
}

const MAX_EVALUATIONS = 200;
const MAX_VERSIONS_PER_EVALUATION = 16;

/**
 * Watches rolling mean scores per evaluation name and model version, and calls
 * `onDrift` once per (evaluation, version) when the version's mean falls more
 * than `delta` below the previous version's (the "quality dropped after the
 * model upgrade" case) or below its own first window. Memory is bounded.
 */
export class DriftDetector {
  private readonly histories = new Map<string, EvaluationHistory>();
  private readonly delta: number;
  private readonly windowSize: number;
  private readonly minSamples: number;

  constructor(
    options: DriftOptions,
    private readonly onDrift: (alert: DriftAlert) => void,
  ) {
    this.delta = options.delta ?? 0.1;
    this.windowSize = Math.max(1, Math.floor(options.windowSize ?? 50));
    this.minSamples = Math.min(this.windowSize, Math.max(1, Math.floor(options.minSamples ?? 20)));
  }

  record(evaluationName: string, model: string, score: number): void {
    const history = this.historyOf(evaluationName);
    let window = history.versions.get(model);
    if (window === undefined) {
      const previous = history.lastModel !== model ? history.lastModel : undefined;
      window = new VersionWindow(previous, this.windowSize);
      history.versions.set(model, window);
      evictOldest(history.versions, MAX_VERSIONS_PER_EVALUATION);
    }
    history.lastModel = model;
    window.add(score);
    if (window.alerted || window.count < this.minSamples) return;
    const alert = this.compare(evaluationName, model, window, history);
    if (alert === undefined) return;
    window.alerted = true;
    this.onDrift(alert);
  }

  private compare(evaluationName: string, model: string, window: VersionWindow, history: EvaluationHistory): DriftAlert | undefined {
    const currentMean = window.recentMean();
    const previous = window.previousModel === undefined ? undefined : history.versions.get(window.previousModel);
    if (previous !== undefined && previous.count >= this.minSamples) {
      const referenceMean = previous.recentMean();
      if (referenceMean - currentMean > this.delta) {
        return this.alert('model_change', evaluationName, model, window.previousModel, referenceMean, currentMean);
      }
    }
    const baselineMean = window.baselineMean();
    if (baselineMean !== undefined && baselineMean - currentMean > this.delta) {
      return this.alert('baseline', evaluationName, model, undefined, baselineMean, currentMean);
    }
    return undefined;
  }

  private alert(
    reason: DriftAlert['reason'],
    evaluationName: string,
    model: string,
    previousModel: string | undefined,
    referenceMean: number,
    currentMean: number,
  ): DriftAlert {
    return { kind: 'drift', reason, evaluationName, model, previousModel, referenceMean, currentMean, delta: this.delta };
  }

  private historyOf(evaluationName: string): EvaluationHistory {
    let history = this.histories.get(evaluationName);
    if (history === undefined) {
      history = { versions: new Map(), lastModel: undefined };
      this.histories.set(evaluationName, history);
      evictOldest(this.histories, MAX_EVALUATIONS);
    }
    return history;
  }
}

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return values.length === 0 ? 0 : sum / values.length;
}

function evictOldest<K, V>(map: Map<K, V>, max: number): void {
  while (map.size > max) map.delete(map.keys().next().value as K);
}
