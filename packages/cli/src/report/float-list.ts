/** A growable list of doubles in one typed array: 8 bytes a value, no per-value object. */
export class FloatList {
  private values = new Float64Array(64);
  private sorted = true;
  length = 0;

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
    this.sorted = false;
  }

  at(index: number): number {
    return this.values[index] ?? Number.NaN;
  }

  /** Nearest-rank quantile (the value at rank ⌈q·n⌉), so it is always an observed value. Undefined when empty. */
  quantile(q: number): number | undefined {
    if (this.length === 0) return undefined;
    if (!this.sorted) {
      this.values.subarray(0, this.length).sort();
      this.sorted = true;
    }
    const rank = Math.min(this.length, Math.max(1, Math.ceil(q * this.length)));
    return this.values[rank - 1];
  }
}

/** A sorted copy's quantiles, leaving `list` in insertion order (for lists paired with another by index). */
export function quantilesOf(list: FloatList, qs: readonly number[]): (number | undefined)[] {
  const copy = new FloatList();
  for (let index = 0; index < list.length; index++) copy.push(list.at(index));
  return qs.map((q) => copy.quantile(q));
}
