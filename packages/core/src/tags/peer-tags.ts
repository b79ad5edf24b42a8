import type { Context } from '@opentelemetry/api';
import type { IncomingTagsFilter } from './incoming-tags.js';
import { readTags, writeTags, type TagRecord, type TagValue } from './tag-context.js';

/**
 * Which keys of a tag record came from a peer rather than from this process's
 * own code. A wrapper stricter than `init` (an MCP server with `incomingTags:
 * 'none'` behind an HTTP instrumentation that already took the request's
 * baggage under init's policy) uses it to drop what the outer layer accepted,
 * without touching tags the app set itself. Records are frozen, so a weak map
 * keyed by record is exact and costs nothing for records without peer keys.
 */
const peerKeys = new WeakMap<TagRecord, ReadonlySet<string>>();

export function peerKeysOf(record: TagRecord | undefined): ReadonlySet<string> | undefined {
  return record === undefined ? undefined : peerKeys.get(record);
}

/**
 * Records the peer keys of `merged`, which is `added` over `base`: a peer's
 * keys join those `base` had; the app's own keys replace them.
 */
export function notePeerKeys(merged: TagRecord, base: TagRecord | undefined, added: TagRecord, addedByPeer: boolean): void {
  const inherited = peerKeysOf(base);
  if (!addedByPeer && inherited === undefined) return;
  if (peerKeys.has(merged)) return;
  const keys = new Set<string>(inherited);
  for (const key of Object.keys(added)) {
    if (addedByPeer) keys.add(key);
    else keys.delete(key);
  }
  if (keys.size > 0) peerKeys.set(merged, keys);
}

/**
 * `context` without the peer tags that `filter` refuses (each passed to
 * `refused`); the app's own tags stay. The same context when there is nothing to drop.
 */
export function withoutRefusedPeerTags(context: Context, filter: IncomingTagsFilter, refused: (key: string) => void): Context {
  const current = readTags(context);
  const keys = peerKeysOf(current);
  if (current === undefined || keys === undefined) return context;
  let kept: Record<string, TagValue> | undefined;
  const remaining = new Set<string>();
  for (const key of keys) {
    if (filter.accepts(key)) remaining.add(key);
    else if (current[key] !== undefined) {
      kept ??= { ...current };
      delete kept[key];
      refused(key);
    }
  }
  if (kept === undefined) return context;
  const record: TagRecord = Object.freeze(kept);
  if (remaining.size > 0) peerKeys.set(record, remaining);
  return writeTags(context, record);
}
