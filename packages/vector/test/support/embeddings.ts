/** Deterministic unit vectors from text (FNV-1a per dimension): no model, same vector every run. */
export const DIMENSION = 16;

export function embed(text: string, dimension: number = DIMENSION): number[] {
  const vector = Array.from({ length: dimension }, (_, index) => {
    let hash = 2166136261 ^ index;
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 16777619);
    }
    return ((hash >>> 0) / 0xffffffff) * 2 - 1;
  });
  const norm = Math.hypot(...vector);
  return vector.map((value) => value / norm);
}
