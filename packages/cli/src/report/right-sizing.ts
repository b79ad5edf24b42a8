import { resolveModelPrice } from '@sightline/core';
import type { RightSizingSuggestion } from '../types.js';

/**
 * One step down within the same provider's line-up, by catalog family: the
 * model a team would try first. Only families listed here are suggested; the
 * price of both sides comes from core's catalog (`resolveModelPrice`).
 */
const CHEAPER_FAMILY: Readonly<Record<string, string>> = {
  'gpt-5': 'gpt-5-mini',
  'gpt-5-mini': 'gpt-5-nano',
  'gpt-4.1': 'gpt-4.1-mini',
  'gpt-4.1-mini': 'gpt-4.1-nano',
  'gpt-4o': 'gpt-4o-mini',
  o1: 'o4-mini',
  o3: 'o4-mini',
  'claude-opus-4-5': 'claude-sonnet-4-5',
  'claude-opus-4-1': 'claude-sonnet-4-5',
  'claude-opus-4': 'claude-sonnet-4',
  'claude-sonnet-4-5': 'claude-haiku-4-5',
  'claude-sonnet-4': 'claude-haiku-4-5',
  'claude-3-7-sonnet': 'claude-3-5-haiku',
  'claude-3-5-sonnet': 'claude-3-5-haiku',
  'claude-3-5-haiku': 'claude-3-haiku',
  'nova-pro': 'nova-lite',
  'nova-lite': 'nova-micro',
  'gemini-2.5-pro': 'gemini-2.5-flash',
  'gemini-2.5-flash': 'gemini-2.5-flash-lite',
  'gemini-2.0-flash': 'gemini-2.0-flash-lite',
};

/** The work must be plentiful, short and good before a smaller model is suggested. */
export const RIGHT_SIZING_RULES = Object.freeze({
  minCalls: 5,
  maxMeanOutputTokens: 300,
  minScoredCalls: 3,
  minMeanScore: 0.8,
});

interface ModelTally {
  calls: number;
  outputTokens: number;
  pricedCalls: number;
  pricedInputTokens: number;
  pricedOutputTokens: number;
  costUsd: number;
  scoredCalls: number;
  scoreSum: number;
}

export class RightSizing {
  private readonly models = new Map<string, ModelTally>();

  observe(model: string, inputTokens: number, outputTokens: number, costUsd: number | undefined, score: number | undefined): void {
    let tally = this.models.get(model);
    if (!tally) {
      tally = {
        calls: 0,
        outputTokens: 0,
        pricedCalls: 0,
        pricedInputTokens: 0,
        pricedOutputTokens: 0,
        costUsd: 0,
        scoredCalls: 0,
        scoreSum: 0,
      };
      this.models.set(model, tally);
    }
    tally.calls++;
    tally.outputTokens += outputTokens;
    if (costUsd !== undefined) {
      tally.pricedCalls++;
      tally.pricedInputTokens += inputTokens;
      tally.pricedOutputTokens += outputTokens;
      tally.costUsd += costUsd;
    }
    if (score !== undefined) {
      tally.scoredCalls++;
      tally.scoreSum += score;
    }
  }

  result(): RightSizingSuggestion[] {
    const suggestions: RightSizingSuggestion[] = [];
    for (const [model, tally] of this.models) {
      const suggestion = suggest(model, tally);
      if (suggestion) suggestions.push(suggestion);
    }
    return suggestions.sort((a, b) => b.savingsUsd - a.savingsUsd);
  }
}

function suggest(model: string, tally: ModelTally): RightSizingSuggestion | undefined {
  const rules = RIGHT_SIZING_RULES;
  const meanOutputTokens = tally.outputTokens / tally.calls;
  const meanScore = tally.scoredCalls > 0 ? tally.scoreSum / tally.scoredCalls : 0;
  if (tally.calls < rules.minCalls || meanOutputTokens > rules.maxMeanOutputTokens) return undefined;
  if (tally.scoredCalls < rules.minScoredCalls || meanScore < rules.minMeanScore || tally.pricedCalls === 0) return undefined;
  const family = resolveModelPrice(model)?.family;
  const cheaperModel = family === undefined ? undefined : CHEAPER_FAMILY[family];
  const cheaper = cheaperModel === undefined ? undefined : resolveModelPrice(cheaperModel);
  if (!cheaper || cheaperModel === undefined) return undefined;
  const estimatedCostUsd = (tally.pricedInputTokens * cheaper.price.input + tally.pricedOutputTokens * cheaper.price.output) / 1_000_000;
  const savingsUsd = tally.costUsd - estimatedCostUsd;
  if (savingsUsd <= 0) return undefined;
  return {
    model,
    cheaperModel,
    calls: tally.calls,
    meanOutputTokens,
    scoredCalls: tally.scoredCalls,
    meanScore,
    costUsd: tally.costUsd,
    estimatedCostUsd,
    savingsUsd,
  };
}
