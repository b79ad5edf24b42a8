import type { Generator, ModelCallSpec } from './telemetry-generator.js';
import { T0 } from './telemetry-generator.js';

const MINUTE = 60_000;

/**
 * A workload with spend known to the cent. Costs are binary fractions
 * (0.5, 0.125, …), so float sums are exact and the test can compare totals
 * with toEqual.
 */
export function knownSpendCalls(): ModelCallSpec[] {
  const calls: ModelCallSpec[] = [];
  // search/faq on gpt-4o: 10 calls, durations 100 … 1000 ms, 4 of them the same prompt within 15 minutes.
  for (let i = 0; i < 10; i++) {
    calls.push({
      tags: { team: 'search', feature: 'faq' },
      model: 'gpt-4o',
      inputTokens: 1000,
      outputTokens: 50,
      costUsd: 0.5,
      startMs: T0 + i * 5 * MINUTE,
      durationMs: 100 * (i + 1),
      promptHash: i < 4 ? 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' : `f${String(i).padStart(31, '0')}`,
    });
  }
  // search/chat on gpt-4o-mini: 8 calls, one failed.
  for (let i = 0; i < 8; i++) {
    calls.push({
      tags: { team: 'search', feature: 'chat' },
      model: 'gpt-4o-mini',
      inputTokens: 200,
      outputTokens: 100,
      costUsd: 0.125,
      startMs: T0 + i * 7 * MINUTE,
      durationMs: 200,
      failed: i === 7,
    });
  }
  // billing/faq on claude-sonnet-4-5: very long prompts for tiny answers (ratio 250:1).
  for (let i = 0; i < 4; i++) {
    calls.push({
      tags: { team: 'billing', feature: 'faq' },
      model: 'claude-sonnet-4-5',
      inputTokens: 5000,
      outputTokens: 20,
      costUsd: 0.25,
      startMs: T0 + 30 * MINUTE + i * MINUTE,
      durationMs: 400,
    });
  }
  // No team tag: enriched as "untagged" by core. The same prompt twice, but 2 hours apart (outside the 1 h cache window).
  calls.push({ tags: { feature: 'faq' }, model: 'gpt-4o-mini', inputTokens: 300, outputTokens: 100, costUsd: 0.0625, startMs: T0, durationMs: 300, promptHash: 'b'.repeat(32) });
  calls.push({ tags: { feature: 'faq' }, model: 'gpt-4o-mini', inputTokens: 300, outputTokens: 100, costUsd: 0.0625, startMs: T0 + 120 * MINUTE, durationMs: 300, promptHash: 'b'.repeat(32) });
  return calls;
}

/** Writes the known-spend calls, a few per export, plus a 0.9 evaluation score on four gpt-4o calls. */
export async function writeKnownSpend(generator: Generator): Promise<void> {
  const calls = knownSpendCalls();
  for (const [index, call] of calls.entries()) {
    const spanContext = generator.modelCall(call);
    if (call.model === 'gpt-4o' && index % 2 === 0 && index < 8) {
      generator.evaluation(spanContext, 'factual_accuracy', 0.9, call.startMs + call.durationMs + 1000, call.tags);
    }
    if (index % 6 === 5) await generator.flush();
  }
}
