import type { RetrievedDocumentsOptions } from './types.js';

interface Entry {
  documents: string[];
  expiresAt: number;
}

const EMPTY: readonly string[] = Object.freeze([]);

/**
 * Documents retrieved in a trace, held for the evaluators of later model calls
 * in the same trace (RAG groundedness). Bounded in traces, documents and
 * characters, and forgotten after a time-to-live: the content never leaves
 * memory through this store.
 */
export class RetrievedDocuments {
  private readonly entries = new Map<string, Entry>();
  private readonly maxTraces: number;
  private readonly ttlMs: number;
  private readonly maxDocuments: number;
  private readonly maxChars: number;

  constructor(
    options: RetrievedDocumentsOptions = {},
    private readonly now: () => number = Date.now,
  ) {
    this.maxTraces = Math.max(1, options.maxTraces ?? 1000);
    this.ttlMs = Math.max(1, options.ttlMs ?? 300_000);
    this.maxDocuments = Math.max(1, options.maxDocumentsPerTrace ?? 20);
    this.maxChars = Math.max(1, options.maxDocumentChars ?? 4000);
  }

  get size(): number {
    return this.entries.size;
  }

  note(traceId: string, documents: readonly unknown[]): void {
    const now = this.now();
    this.sweep(now);
    const kept = documents.filter((doc): doc is string => typeof doc === 'string').map((doc) => doc.slice(0, this.maxChars));
    if (kept.length === 0) return;
    const existing = this.entries.get(traceId);
    // Re-insert so the map's order stays "least recently noted first" for eviction and sweeping.
    this.entries.delete(traceId);
    // A retriever and the instrumented vector store under it both note the same rows: keep each once.
    const merged = [...new Set([...(existing?.documents ?? []), ...kept])].slice(0, this.maxDocuments);
    this.entries.set(traceId, { documents: merged, expiresAt: now + this.ttlMs });
    while (this.entries.size > this.maxTraces) this.entries.delete(this.entries.keys().next().value as string);
  }

  /** A snapshot of the documents of `traceId` (empty when none or expired). */
  get(traceId: string): readonly string[] {
    const entry = this.entries.get(traceId);
    if (entry === undefined) return EMPTY;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(traceId);
      return EMPTY;
    }
    return Object.freeze([...entry.documents]);
  }

  clear(): void {
    this.entries.clear();
  }

  /** Insertion order equals expiry order, so expired entries sit at the front. */
  private sweep(now: number): void {
    for (const [traceId, entry] of this.entries) {
      if (entry.expiresAt > now) return;
      this.entries.delete(traceId);
    }
  }
}
