/** W3C baggage limits Sightline enforces on both sides (the values are untrusted input). */
export const MAX_BAGGAGE_BYTES = 8192;
export const MAX_BAGGAGE_ENTRIES = 64;
export const MAX_TAG_VALUE_BYTES = 256;

export interface BaggageEntry {
  key: string;
  value: string;
}

export type BaggageProblem = 'malformed' | 'oversized' | 'too_many_entries';

export interface ParsedBaggage {
  entries: BaggageEntry[];
  problems: BaggageProblem[];
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * Parses a `baggage` header, keeping entries in order until the byte or entry
 * limit is reached. Everything it refuses is reported, one problem per entry.
 */
export function parseBaggage(header: string | string[] | undefined): ParsedBaggage {
  const result: ParsedBaggage = { entries: [], problems: [] };
  if (header === undefined) return result;
  const text = Array.isArray(header) ? header.join(',') : header;
  if (typeof text !== 'string') {
    result.problems.push('malformed');
    return result;
  }
  let bytes = 0;
  for (const raw of text.split(',')) {
    const member = raw.trim();
    if (member === '') continue;
    bytes += Buffer.byteLength(member) + 1;
    if (bytes > MAX_BAGGAGE_BYTES + 1) {
      result.problems.push('oversized');
      continue;
    }
    if (result.entries.length >= MAX_BAGGAGE_ENTRIES) {
      result.problems.push('too_many_entries');
      continue;
    }
    const entry = parseMember(member);
    if (entry === undefined) result.problems.push('malformed');
    else if (Buffer.byteLength(entry.value) > MAX_TAG_VALUE_BYTES) result.problems.push('oversized');
    else result.entries.push(entry);
  }
  return result;
}

function parseMember(member: string): BaggageEntry | undefined {
  const pair = member.split(';', 1)[0] ?? '';
  const equals = pair.indexOf('=');
  if (equals <= 0) return undefined;
  const key = pair.slice(0, equals).trim();
  if (!TOKEN.test(key)) return undefined;
  try {
    return { key, value: decodeURIComponent(pair.slice(equals + 1).trim()) };
  } catch {
    return undefined;
  }
}

/**
 * Appends entries to an existing header (other propagators may have written
 * one), skipping keys already there and stopping at the limits.
 */
export function appendBaggage(existing: string | undefined, entries: readonly BaggageEntry[]): string {
  const present = new Set(parseBaggage(existing).entries.map((entry) => entry.key));
  const members = existing ? [existing] : [];
  let bytes = existing ? Buffer.byteLength(existing) : 0;
  let count = present.size;
  for (const { key, value } of entries) {
    if (present.has(key) || count >= MAX_BAGGAGE_ENTRIES) continue;
    const member = `${key}=${encodeURIComponent(value)}`;
    const added = Buffer.byteLength(member) + (members.length > 0 ? 1 : 0);
    if (bytes + added > MAX_BAGGAGE_BYTES || Buffer.byteLength(value) > MAX_TAG_VALUE_BYTES) continue;
    members.push(member);
    bytes += added;
    count++;
  }
  return members.join(',');
}
