import type { TimeSeriesData } from '../types.js';

/** Bucket widths tried in order; the series coarsens to the next one when it would exceed MAX_BUCKETS. */
const BUCKET_SECONDS = [60, 300, 900, 3600, 6 * 3600, 86_400, 7 * 86_400];
const MAX_BUCKETS = 240;
const MAX_SERIES = 8;
const OTHER_SERIES = 'other';

interface Cell {
  sum: number;
  count: number;
}

/**
 * A time series per name with bounded memory whatever the time range: it
 * starts at one-minute buckets and merges into wider ones as the range grows,
 * so a report never needs to know the range before it reads.
 */
export class TimeBuckets {
  private level = 0;
  private readonly buckets = new Map<number, Map<string, Cell>>();

  constructor(private readonly aggregate: 'sum' | 'mean') {}

  add(timeMs: number, series: string, value: number): void {
    let bucket = this.bucketOf(timeMs);
    if (!this.buckets.has(bucket)) {
      this.buckets.set(bucket, new Map());
      if (this.buckets.size > MAX_BUCKETS) {
        this.coarsen();
        bucket = this.bucketOf(timeMs);
      }
    }
    const cells = this.buckets.get(bucket)!;
    const cell = cells.get(series) ?? { sum: 0, count: 0 };
    cell.sum += value;
    cell.count++;
    cells.set(series, cell);
  }

  private bucketOf(timeMs: number): number {
    const width = this.width();
    return Math.floor(timeMs / 1000 / width) * width;
  }

  get isEmpty(): boolean {
    return this.buckets.size === 0;
  }

  /** Dense series over every bucket from the first to the last; the largest MAX_SERIES by total, the rest as `other`. */
  toData(): TimeSeriesData {
    const width = this.width();
    const starts = [...this.buckets.keys()].sort((a, b) => a - b);
    const first = starts[0];
    const last = starts.at(-1);
    const totals = new Map<string, number>();
    for (const cells of this.buckets.values()) for (const [name, cell] of cells) totals.set(name, (totals.get(name) ?? 0) + cell.sum);
    const kept = new Set(
      [...totals.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, MAX_SERIES)
        .map(([name]) => name),
    );
    const hasOther = totals.size > kept.size;
    const labels: string[] = [];
    const series: Record<string, (number | null)[]> = {};
    for (const name of [...kept, ...(hasOther ? [OTHER_SERIES] : [])]) series[name] = [];
    if (first !== undefined && last !== undefined) {
      for (let start = first; start <= last; start += width) {
        labels.push(new Date(start * 1000).toISOString());
        const merged = new Map<string, Cell>();
        for (const [name, cell] of this.buckets.get(start) ?? []) {
          const target = kept.has(name) ? name : OTHER_SERIES;
          const into = merged.get(target) ?? { sum: 0, count: 0 };
          into.sum += cell.sum;
          into.count += cell.count;
          merged.set(target, into);
        }
        for (const name of Object.keys(series)) series[name]!.push(this.valueOf(merged.get(name)));
      }
    }
    return { bucketSeconds: width, labels, series };
  }

  private valueOf(cell: Cell | undefined): number | null {
    if (this.aggregate === 'sum') return cell?.sum ?? 0;
    return cell && cell.count > 0 ? cell.sum / cell.count : null;
  }

  private width(): number {
    return BUCKET_SECONDS[this.level] ?? BUCKET_SECONDS[BUCKET_SECONDS.length - 1]!;
  }

  private coarsen(): void {
    while (this.buckets.size > MAX_BUCKETS && this.level < BUCKET_SECONDS.length - 1) {
      this.level++;
      const width = this.width();
      const previous = [...this.buckets.entries()];
      this.buckets.clear();
      for (const [start, cells] of previous) {
        const bucket = Math.floor(start / width) * width;
        const into = this.buckets.get(bucket) ?? new Map<string, Cell>();
        for (const [name, cell] of cells) {
          const target = into.get(name) ?? { sum: 0, count: 0 };
          target.sum += cell.sum;
          target.count += cell.count;
          into.set(name, target);
        }
        this.buckets.set(bucket, into);
      }
    }
  }
}
