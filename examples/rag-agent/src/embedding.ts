import type { EmbeddingFunction } from 'chromadb';

/** Wide enough that ~100 short documents rarely share a bucket for their key words. */
export const EMBEDDING_DIMENSION = 256;

const STOP_WORDS = new Set(
  'a about an and any are as at be by can do does for from get has have how i if in is it its me much my of on or our please still that the this to want was we what when where which why will with yet you your'.split(
    ' ',
  ),
);

/**
 * A hashed set of words: each distinct content word adds ±1 to one of the
 * dimensions (FNV-1a picks the bucket and the sign), then the vector is
 * normalised. No model and no download, the same vector on every run, and
 * texts that share words land close together, which is all a demo knowledge
 * base needs. Presence, not counts, so a short text that repeats a name does
 * not outrank the one that answers.
 */
export function embed(text: string): number[] {
  const vector = new Array<number>(EMBEDDING_DIMENSION).fill(0);
  for (const word of contentWords(text)) {
    const hash = fnv1a(word);
    vector[hash % EMBEDDING_DIMENSION]! += hash & 0x8000_0000 ? -1 : 1;
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((value) => value / norm);
}

/** The distinct, stemmed words of `text` that carry meaning (no stop words). */
export function contentWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    if (!STOP_WORDS.has(word)) words.add(stem(word));
  }
  return words;
}

/** Folds plurals so that "returns" matches "return". */
function stem(word: string): string {
  return word.length > 4 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x0100_0193);
  }
  return hash >>> 0;
}

/** `embed` as a chromadb embedding function, so documents and query texts are embedded alike. */
export const hashingEmbeddingFunction: EmbeddingFunction = {
  name: 'sightline-demo-hashing',
  generate: async (texts) => texts.map(embed),
};
