/** How many repeated prompts are listed individually; the totals count all of them. */
const MAX_TRACKED_REPEATS = 10_000;
const TOP_PROMPTS = 5;
/** Spans reach the files in end order, batched: keep entries a little past their window for late arrivals. */
const LATE_ARRIVAL_SLACK_MS = 10 * 60_000;

interface CacheEntry {
  filledAtMs: number;
}

interface RepeatedPrompt {
  hash: string;
  model: string;
  redundantCalls: number;
  savingsUsd: number;
}

export interface RedundantCallsResult {
  windowSeconds: number;
  /** Model calls that carried a prompt hash. */
  hashedCalls: number;
  redundantCalls: number;
  /** The cost of the redundant calls: what a cache with this TTL would have saved. */
  savingsUsd: number;
  topPrompts: RepeatedPrompt[];
}

/**
 * Simulates a response cache keyed by `sightline.prompt.hash` with a TTL of
 * `windowMs`: the first successful call fills the entry, every call with the
 * same hash until the entry expires is one the cache would have answered (its
 * cost is the saving), and the first call after expiry fills it again. Entries
 * live in a Map ordered by fill time, so expired ones are evicted from its head
 * and memory is bounded by the distinct prompts of one window.
 */
export class RedundantCallFinder {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly repeats = new Map<string, RepeatedPrompt>();
  private latestMs = Number.NEGATIVE_INFINITY;
  private hashedCalls = 0;
  private redundantCalls = 0;
  private savingsUsd = 0;

  constructor(private readonly windowMs: number) {}

  observe(hash: string, model: string, startMs: number, costUsd: number, failed: boolean): void {
    this.hashedCalls++;
    const entry = this.cache.get(hash);
    if (entry && Math.abs(startMs - entry.filledAtMs) <= this.windowMs) {
      if (!failed) this.countRepeat(hash, model, costUsd);
    } else if (!failed) {
      // A failed call returns nothing to cache; only a success (re)fills the entry.
      this.cache.delete(hash);
      this.cache.set(hash, { filledAtMs: startMs });
    }
    if (startMs > this.latestMs) {
      this.latestMs = startMs;
      this.evictExpired();
    }
  }

  result(): RedundantCallsResult {
    const topPrompts = [...this.repeats.values()]
      .sort((a, b) => b.savingsUsd - a.savingsUsd || b.redundantCalls - a.redundantCalls)
      .slice(0, TOP_PROMPTS)
      .map((prompt) => ({ ...prompt }));
    return {
      windowSeconds: this.windowMs / 1000,
      hashedCalls: this.hashedCalls,
      redundantCalls: this.redundantCalls,
      savingsUsd: this.savingsUsd,
      topPrompts,
    };
  }

  private countRepeat(hash: string, model: string, costUsd: number): void {
    this.redundantCalls++;
    this.savingsUsd += costUsd;
    let repeated = this.repeats.get(hash);
    if (!repeated && this.repeats.size < MAX_TRACKED_REPEATS) {
      repeated = { hash, model, redundantCalls: 0, savingsUsd: 0 };
      this.repeats.set(hash, repeated);
    }
    if (repeated) {
      repeated.redundantCalls++;
      repeated.savingsUsd += costUsd;
    }
  }

  private evictExpired(): void {
    const horizon = this.latestMs - this.windowMs - LATE_ARRIVAL_SLACK_MS;
    for (const [hash, entry] of this.cache) {
      if (entry.filledAtMs >= horizon) break;
      this.cache.delete(hash);
    }
  }
}
