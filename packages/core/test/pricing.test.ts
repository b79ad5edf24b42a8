import {
  computeCostUsd,
  configurePricing,
  costOfModelCall,
  PRICING_CATALOG_VERSION,
  readInternalCounter,
  resolveModelPrice,
  semconv,
} from '@sightline/core';
import { afterEach, describe, expect, it } from 'vitest';
import catalog from '../src/pricing/catalog.v1.json' with { type: 'json' };

afterEach(() => configurePricing({}));

describe('pricing catalog v1', () => {
  it('is versioned and gives every family all five prices, an effective date and a source URL', () => {
    expect(PRICING_CATALOG_VERSION).toBe(catalog.version);
    const providers = new Set(catalog.families.map((family) => family.provider));
    expect([...providers].sort()).toEqual(['anthropic', 'aws.bedrock', 'gcp.gemini', 'openai']);
    for (const family of catalog.families) {
      for (const key of ['input', 'output', 'cacheRead', 'cacheWrite', 'reasoning'] as const) {
        expect(family[key], `${family.family}.${key}`).toBeGreaterThanOrEqual(0);
      }
      expect(family.effectiveDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(family.source).toMatch(/^https:\/\//);
    }
  });

  it.each([
    ['gpt-4o', 'gpt-4o'],
    ['gpt-4o-2024-08-06', 'gpt-4o'],
    ['gpt-4o-mini-2024-07-18', 'gpt-4o-mini'],
    ['GPT-4.1-mini', 'gpt-4.1-mini'],
    ['claude-3-5-sonnet-20241022', 'claude-3-5-sonnet'],
    ['claude-3-7-sonnet-latest', 'claude-3-7-sonnet'],
    ['anthropic.claude-3-5-sonnet-20240620-v1:0', 'claude-3-5-sonnet'],
    ['us.anthropic.claude-sonnet-4-20250514-v1:0', 'claude-sonnet-4'],
    ['claude-3-5-sonnet-v2@20241022', 'claude-3-5-sonnet'],
    ['amazon.nova-pro-v1:0', 'nova-pro'],
    ['models/gemini-2.5-flash', 'gemini-2.5-flash'],
    ['gemini-2.0-flash-001', 'gemini-2.0-flash'],
    ['gemini-2.5-pro-preview-06-05', 'gemini-2.5-pro'],
    ['claude-sonnet-4-0', 'claude-sonnet-4'],
    ['claude-opus-4-0', 'claude-opus-4'],
    ['claude-3-7-sonnet-20250219', 'claude-3-7-sonnet'],
    ['text-embedding-3-small', 'text-embedding-3-small'],
  ])('resolves %s to the %s family', (model, family) => {
    expect(resolveModelPrice(model)?.family).toBe(family);
  });

  it('never prices by prefix: an unknown sibling of a known family stays unpriced', () => {
    expect(resolveModelPrice('gpt-4o-turbo-ultra')).toBeUndefined();
    expect(resolveModelPrice('my-finetune')).toBeUndefined();
  });

  it('maps Azure deployment names through user aliases and merges user overrides', () => {
    configurePricing({
      aliases: { 'prod-chat': 'gpt-4o', 'team-x-deploy': 'prod-chat' },
      overrides: { 'my-finetune': { input: 0.5, output: 1.5 }, 'gpt-4o-mini': { input: 0.1, output: 0.5 } },
    });
    expect(resolveModelPrice('prod-chat')).toEqual({
      family: 'gpt-4o',
      price: { input: 2.5, output: 10, cacheRead: 1.25, cacheWrite: 2.5, reasoning: 10 },
      source: 'https://platform.openai.com/docs/pricing',
      effectiveDate: '2024-10-01',
    });
    expect(resolveModelPrice('team-x-deploy')?.family).toBe('gpt-4o');
    expect(resolveModelPrice('my-finetune')).toEqual({
      family: 'my-finetune',
      price: { input: 0.5, output: 1.5, cacheRead: 0.5, cacheWrite: 0.5, reasoning: 1.5 },
      source: 'override',
    });
    // The override keeps the catalog's cache price for fields it does not set.
    expect(resolveModelPrice('gpt-4o-mini-2024-07-18')?.price).toEqual({
      input: 0.1,
      output: 0.5,
      cacheRead: 0.075,
      cacheWrite: 0.15,
      reasoning: 0.6,
    });
  });

  it('drops invalid overrides instead of throwing', () => {
    expect(() => configurePricing({ overrides: { bad: { input: Number.NaN, output: 1 } } })).not.toThrow();
    expect(resolveModelPrice('bad')).toBeUndefined();
  });

  it('bills cached input and reasoning output at their own rates, without double counting', () => {
    const usage = {
      inputTokens: 1000,
      outputTokens: 500,
      cacheReadInputTokens: 600,
      cacheCreationInputTokens: 100,
      reasoningOutputTokens: 200,
    };
    const price = { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75, reasoning: 15 };
    const expected = (300 * 3 + 600 * 0.3 + 100 * 3.75 + 300 * 15 + 200 * 15) / 1e6;
    expect(computeCostUsd(usage, price)).toBeCloseTo(expected, 12);
    expect(computeCostUsd({ inputTokens: 10, outputTokens: 0, cacheReadInputTokens: 50 }, price)).toBeCloseTo((50 * 0.3) / 1e6, 12);
  });

  it('gives an unknown model no cost, counts it per model, and never reports $0', () => {
    const labels = { [semconv.ATTR_GEN_AI_REQUEST_MODEL]: 'mystery-model-7' };
    const before = readInternalCounter(semconv.METRIC_SIGHTLINE_COST_UNPRICED, labels);
    expect(costOfModelCall('mystery-model-7', { inputTokens: 10, outputTokens: 10 })).toBeUndefined();
    expect(costOfModelCall('mystery-model-7', { inputTokens: 10, outputTokens: 10 })).toBeUndefined();
    expect(readInternalCounter(semconv.METRIC_SIGHTLINE_COST_UNPRICED, labels)).toBe(before + 2);
    expect(costOfModelCall('gpt-4o', { inputTokens: 1_000_000, outputTokens: 0 })).toBeCloseTo(2.5, 12);
  });
});
