import { escapeControl } from './escape-control.js';

/** Plain-text formatting shared by the report and diagnose views. */

export function usd(value: number | null): string {
  if (value === null) return '—';
  if (value !== 0 && Math.abs(value) < 0.01) return `$${value.toPrecision(2)}`;
  return `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export function seconds(value: number | null): string {
  if (value === null) return '—';
  return value < 1 ? `${(value * 1000).toFixed(0)} ms` : `${value.toFixed(2)} s`;
}

export function percent(share: number): string {
  return `${(share * 100).toFixed(share > 0 && share < 0.1 ? 1 : 0)}%`;
}

export function integer(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/**
 * A left-aligned first block of text columns and right-aligned numbers, separated by two spaces.
 * Cells are escaped here, before the widths are measured, since most of them come from telemetry.
 */
export function table(header: readonly string[], cells: readonly (readonly string[])[], textColumns: number): string {
  const rows = cells.map((row) => row.map(escapeControl));
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column < textColumns ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ')
      .trimEnd();
  return [line(header.map(escapeControl)), widths.map((width) => '─'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

/** A window length the way it is typed on the command line: 1h, 30m, 2d. */
export function windowLength(totalSeconds: number): string {
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3600],
    ['m', 60],
  ] as const) {
    if (totalSeconds >= size && totalSeconds % size === 0) return `${totalSeconds / size}${unit}`;
  }
  return `${totalSeconds}s`;
}
