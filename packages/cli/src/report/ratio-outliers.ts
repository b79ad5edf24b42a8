import type { PromptRatioInsight } from '../types.js';
import { FloatList, quantilesOf } from './float-list.js';

/** Below this many input tokens per output token a prompt is never called long. */
const MIN_OUTLIER_RATIO = 10;
const TOP_GROUPS = 5;

/**
 * Input/output token ratio outliers. Every call's ratio is kept (16 bytes a
 * call), the upper Tukey fence of all ratios, Q3 + 1.5 × IQR, with a floor of
 * 10:1, is the threshold, and calls above it are tallied per report group.
 */
export class RatioOutliers {
  private readonly ratios = new FloatList();
  private readonly groupIndexes = new FloatList();
  private readonly inputTokens = new FloatList();

  observe(groupIndex: number, inputTokens: number, outputTokens: number): void {
    if (inputTokens <= 0) return;
    this.ratios.push(inputTokens / Math.max(outputTokens, 1));
    this.groupIndexes.push(groupIndex);
    this.inputTokens.push(inputTokens);
  }

  result(groupKeys: readonly Record<string, string>[]): PromptRatioInsight {
    const [q1, median, q3] = quantilesOf(this.ratios, [0.25, 0.5, 0.75]);
    if (q1 === undefined || median === undefined || q3 === undefined) {
      return { medianRatio: null, thresholdRatio: null, outlierCalls: 0, outlierInputTokens: 0, groups: [] };
    }
    const threshold = Math.max(MIN_OUTLIER_RATIO, q3 + 1.5 * (q3 - q1));
    const perGroup = new Map<number, { outlierCalls: number; outlierInputTokens: number; maxRatio: number }>();
    let outlierCalls = 0;
    let outlierInputTokens = 0;
    for (let index = 0; index < this.ratios.length; index++) {
      const ratio = this.ratios.at(index);
      if (ratio <= threshold) continue;
      const tokens = this.inputTokens.at(index);
      outlierCalls++;
      outlierInputTokens += tokens;
      const group = this.groupIndexes.at(index);
      const tally = perGroup.get(group) ?? { outlierCalls: 0, outlierInputTokens: 0, maxRatio: 0 };
      tally.outlierCalls++;
      tally.outlierInputTokens += tokens;
      tally.maxRatio = Math.max(tally.maxRatio, ratio);
      perGroup.set(group, tally);
    }
    const groups = [...perGroup.entries()]
      .sort(([, a], [, b]) => b.outlierInputTokens - a.outlierInputTokens)
      .slice(0, TOP_GROUPS)
      .map(([group, tally]) => ({ key: groupKeys[group] ?? {}, ...tally }));
    return { medianRatio: median, thresholdRatio: threshold, outlierCalls, outlierInputTokens, groups };
  }
}
