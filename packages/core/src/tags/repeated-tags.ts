import { EntrySnapshot } from '../internal/entry-snapshot.js';
import type { TagRecord } from './tag-context.js';

/**
 * The last `withTags` merge, for the call that repeats it: a request handler
 * wraps every request in the same tags (a literal, or values that repeat), over
 * the same outer tags. Reusing the merged record skips validation and a new
 * record, and keeps one record per tag set, so the stamping frames are found
 * by identity (tag-runtime.ts). Only merges that dropped nothing are kept:
 * a rejected tag is counted and warned about on every call.
 */
export class RepeatedTags {
  private runtime: object | undefined;
  private current: TagRecord | undefined;
  private readonly input = new EntrySnapshot();
  private merged: TagRecord | undefined;

  /** The record the last merge of equal `input` over the same `current`, under the same runtime, made. */
  find(runtime: object, current: TagRecord | undefined, input: Readonly<Record<string, unknown>>): TagRecord | undefined {
    if (this.merged === undefined || runtime !== this.runtime || current !== this.current) return undefined;
    return this.input.matches(input) ? this.merged : undefined;
  }

  remember(runtime: object, current: TagRecord | undefined, input: Readonly<Record<string, unknown>>, merged: TagRecord): void {
    this.runtime = runtime;
    this.current = current;
    this.input.take(input);
    this.merged = merged;
  }
}
