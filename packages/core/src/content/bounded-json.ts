/**
 * Captured prompts and completions are JSON attributes (`ATTR_GEN_AI_INPUT_MESSAGES` and its output twin),
 * read by tools that parse them. Cutting the JSON text at a length leaves invalid
 * JSON, so the bound is applied to the texts inside: every string longer than a
 * common cap is cut to it (ending in "…"), the cap chosen so that the whole
 * document fits. When even empty texts do not fit, trailing items of the outer
 * array go. The work is linear in the size of the value.
 */
export interface BoundedJson {
  json: string;
  truncated: boolean;
}

const ELLIPSIS = '…';

export function boundedJson(value: unknown, maxLength: number): BoundedJson | undefined {
  const full = JSON.stringify(value);
  if (full === undefined) return undefined;
  if (full.length <= maxLength) return { json: full, truncated: false };
  const leaves = encodedStringLengths(value);
  const structure = full.length - leaves.reduce((sum, length) => sum + length, 0);
  for (let budget = maxLength - structure, attempt = 0; budget > 0 && attempt < 8; attempt++) {
    const json = JSON.stringify(cutStrings(value, capFor(leaves, budget)));
    if (json.length <= maxLength) return { json, truncated: true };
    budget -= json.length - maxLength;
  }
  return { json: fewerItems(value, maxLength), truncated: true };
}

/** The JSON length (with quotes) of every string in `value`, keys excluded. */
function encodedStringLengths(value: unknown, into: number[] = []): number[] {
  if (typeof value === 'string') into.push(JSON.stringify(value).length);
  else if (Array.isArray(value)) for (const item of value) encodedStringLengths(item, into);
  else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) encodedStringLengths(item, into);
  return into;
}

/** The largest cap such that the strings, each cut to at most the cap, add up to `budget`. */
function capFor(lengths: readonly number[], budget: number): number {
  const sorted = [...lengths].sort((a, b) => a - b);
  let remaining = budget;
  for (let index = 0; index < sorted.length; index++) {
    const share = Math.floor(remaining / (sorted.length - index));
    const length = sorted[index] as number;
    if (length > share) return share;
    remaining -= length;
  }
  return Number.POSITIVE_INFINITY;
}

function cutStrings(value: unknown, cap: number): unknown {
  if (typeof value === 'string') return cutString(value, cap);
  if (Array.isArray(value)) return value.map((item) => cutStrings(item, cap));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, cutStrings(item, cap)]));
  }
  return value;
}

/** `text` cut so that its JSON (quotes and escapes included) is at most `cap` long. */
function cutString(text: string, cap: number): string {
  const encoded = JSON.stringify(text).length;
  if (encoded <= cap) return text;
  // Escapes make the JSON longer than the text: cut in proportion, then step back until it fits.
  let keep = Math.max(0, Math.floor(((cap - 2 - ELLIPSIS.length) * text.length) / (encoded - 2)));
  let cut = prefix(text, keep);
  while (keep > 0 && JSON.stringify(cut + ELLIPSIS).length > cap) cut = prefix(text, (keep = Math.floor(keep * 0.9)));
  return cut + ELLIPSIS;
}

/** The first `length` UTF-16 units, never ending in half a surrogate pair. */
function prefix(text: string, length: number): string {
  const code = text.charCodeAt(length - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? length - 1 : length);
}

function fewerItems(value: unknown, maxLength: number): string {
  if (!Array.isArray(value)) return value !== null && typeof value === 'object' ? '{}' : '""';
  const emptied = cutStrings(value, 2 + ELLIPSIS.length) as unknown[];
  let low = 0;
  let high = emptied.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (JSON.stringify(emptied.slice(0, middle)).length <= maxLength) low = middle;
    else high = middle - 1;
  }
  return JSON.stringify(emptied.slice(0, low));
}
