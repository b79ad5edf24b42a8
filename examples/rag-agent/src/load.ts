import { PRODUCT_NAMES } from './docs-corpus.js';
import type { ModelTier } from './chat-models.js';
import { ORDER_IDS } from './orders.js';

export const TEAMS = ['search', 'support'] as const;
export const FEATURES = ['faq', 'orders', 'returns'] as const;

export interface DemoRequest {
  team: (typeof TEAMS)[number];
  feature: (typeof FEATURES)[number];
  question: string;
  tier: ModelTier;
}

const pick = <T>(items: readonly T[], index: number): T => items[index % items.length]!;

/** Questions per feature; `index` varies the product or order asked about. */
const QUESTIONS: Record<DemoRequest['feature'], ((index: number) => string)[]> = {
  faq: [
    (index) => `How do I care for the ${pick(PRODUCT_NAMES, index * 5)}?`,
    (index) => `What are the specifications of the ${pick(PRODUCT_NAMES, index * 7 + 3)}?`,
    () => 'Do you price match other retailers?', // asked again and again: a cache would answer it
    (index) => `How much does the ${pick(PRODUCT_NAMES, index * 11 + 1)} cost?`,
  ],
  orders: [
    (index) => `Where is my order ${pick(ORDER_IDS, index * 3)}? When will it arrive?`,
    (index) => `Has order ${pick(ORDER_IDS, index * 3 + 1)} shipped yet? Can you track it?`,
    (index) => `Can I still change order ${pick(ORDER_IDS, index * 3 + 2)}?`,
    () => 'How long does standard shipping take?', // repeated
  ],
  returns: [
    () => 'What is your return policy?', // repeated
    (index) => `Is the ${pick(PRODUCT_NAMES, index * 13 + 2)} covered by the warranty?`,
    (index) => `I want to return order ${pick(ORDER_IDS, index * 5 + 4)}. How do I get a refund?`,
    () => 'How long do refunds take?', // repeated
  ],
};

/**
 * The demo's traffic: every team uses every feature, `perCombination` requests
 * each (10 → 60 requests). The support team's FAQ runs on the large model for
 * answers of a sentence or two: the right-sizing insight finds it. A customer
 * who puts an e-mail address in the question and one off-topic request give
 * the PII and refusal detectors something to find.
 */
export function buildRequests(perCombination = 10): DemoRequest[] {
  const requests: DemoRequest[] = [];
  for (let index = 0; index < perCombination; index++) {
    for (const team of TEAMS) {
      for (const feature of FEATURES) {
        const questions = QUESTIONS[feature];
        const question = pick(questions, index)(index + (team === 'support' ? 17 : 0));
        requests.push({ team, feature, question, tier: team === 'support' && feature === 'faq' ? 'large' : 'small' });
      }
    }
  }
  requests[8] = { ...requests[8]!, question: 'Please email the return label for order A-1007 to jane.doe@example.com.' };
  requests[12] = { ...requests[12]!, question: 'Can you write my college essay about hiking?' };
  return requests;
}

/** Runs `work` over `items`, `concurrency` at a time, in order of start; stops starting new ones once `signal` aborts. */
export async function runPool<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<R>,
  signal?: AbortSignal,
): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length && !signal?.aborted) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
