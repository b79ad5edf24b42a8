import type { Generator, ModelCallSpec } from './telemetry-generator.js';
import { T0 } from './telemetry-generator.js';

const MINUTE = 60_000;

/**
 * A workload with spend known to the cent. Costs are binary fractions
 * (0.5, 0.125, …), so float sums are exact and the test can compare totals
 * with toEqual.
 */
export function knownSpendCalls(): ModelCallSpec[] {
  return [
    // search/faq on gpt-4o: 10 calls, durations 100 … 1000 ms, 4 of them the same prompt within 15 minutes.
    ...series(
      10,
      { tags: { team: 'search', feature: 'faq' }, model: 'gpt-4o', inputTokens: 1000, outputTokens: 50, costUsd: 0.5 },
      (i) => ({
        startMs: T0 + i * 5 * MINUTE,
        durationMs: 100 * (i + 1),
        promptHash: i < 4 ? 'a'.repeat(32) : `f${String(i).padStart(31, '0')}`,
      }),
    ),
    // search/chat on gpt-4o-mini: 8 calls, one failed.
    ...series(
      8,
      { tags: { team: 'search', feature: 'chat' }, model: 'gpt-4o-mini', inputTokens: 200, outputTokens: 100, costUsd: 0.125 },
      (i) => ({
        startMs: T0 + i * 7 * MINUTE,
        durationMs: 200,
        failed: i === 7,
      }),
    ),
    // billing/faq on claude-sonnet-4-5: very long prompts for tiny answers (ratio 250:1).
    ...series(
      4,
      { tags: { team: 'billing', feature: 'faq' }, model: 'claude-sonnet-4-5', inputTokens: 5000, outputTokens: 20, costUsd: 0.25 },
      (i) => ({
        startMs: T0 + 30 * MINUTE + i * MINUTE,
        durationMs: 400,
      }),
    ),
    // No team tag: enriched as "untagged" by core. The same prompt twice, but 2 hours apart (outside the 1 h cache window).
    ...series(2, { tags: { feature: 'faq' }, model: 'gpt-4o-mini', inputTokens: 300, outputTokens: 100, costUsd: 0.0625 }, (i) => ({
      startMs: T0 + i * 120 * MINUTE,
      durationMs: 300,
      promptHash: 'b'.repeat(32),
    })),
  ];
}

/** `count` calls that share `common`; `each(i)` gives what differs from one to the next. */
function series(
  count: number,
  common: Omit<ModelCallSpec, 'startMs' | 'durationMs'>,
  each: (i: number) => Partial<ModelCallSpec> & Pick<ModelCallSpec, 'startMs' | 'durationMs'>,
): ModelCallSpec[] {
  return Array.from({ length: count }, (_, i) => ({ ...common, ...each(i) }));
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
