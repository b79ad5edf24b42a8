import type { Attributes } from '@opentelemetry/api';

export interface SpreadNames {
  min: string;
  max: string;
  mean: string;
}

/** Accumulates min, max and mean over finite numbers; non-numbers and NaN are skipped. */
export class Spread {
  min = Infinity;
  max = -Infinity;
  private sum = 0;
  private count = 0;

  add(value: unknown): void {
    if (typeof value !== 'number' || !Number.isFinite(value)) return;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    this.sum += value;
    this.count++;
  }

  get empty(): boolean {
    return this.count === 0;
  }

  /** Writes the three attributes, unless nothing was added. */
  writeTo(attributes: Attributes, names: SpreadNames): void {
    if (this.count === 0) return;
    attributes[names.min] = this.min;
    attributes[names.max] = this.max;
    attributes[names.mean] = this.sum / this.count;
  }
}
