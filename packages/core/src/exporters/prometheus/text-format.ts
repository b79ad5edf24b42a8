import type { Attributes, AttributeValue } from '@opentelemetry/api';
import { prometheusLabelName } from './naming.js';
import type { Exemplar } from './exemplar-reservoir.js';

/** The two wire formats the endpoint speaks. */
export type ExpositionFormat = 'openmetrics' | 'classic';

export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

/** OpenMetrics wants `le` in canonical float form (`1.0`, not `1`), as the Go client writes it. */
export function formatBound(value: number, format: ExpositionFormat): string {
  const text = formatNumber(value);
  return format === 'openmetrics' && Number.isInteger(value) && !/e/.test(text) ? `${text}.0` : text;
}

function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

export function escapeHelp(text: string, format: ExpositionFormat): string {
  const escaped = text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
  return format === 'openmetrics' ? escaped.replace(/"/g, '\\"') : escaped;
}

function labelValue(value: AttributeValue | undefined): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return JSON.stringify(value);
  return String(value);
}

/**
 * Attributes as Prometheus labels, sorted. Keys that sanitize to the same label
 * (`a.b` and `a_b`) share it, values joined with `;` in key order, as the spec says.
 */
export function toLabels(attributes: Attributes): [string, string][] {
  const byLabel = new Map<string, string>();
  for (const key of Object.keys(attributes).sort()) {
    const value = attributes[key];
    if (value === undefined || value === null) continue;
    const label = prometheusLabelName(key);
    const previous = byLabel.get(label);
    byLabel.set(label, previous === undefined ? labelValue(value) : `${previous};${labelValue(value)}`);
  }
  return [...byLabel.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function renderLabels(labels: readonly (readonly [string, string])[]): string {
  if (labels.length === 0) return '';
  return `{${labels.map(([name, value]) => `${name}="${escapeLabelValue(value)}"`).join(',')}}`;
}

/** ` # {trace_id="…",span_id="…"} value timestamp`: OpenMetrics only, so classic text gets ''. */
export function renderExemplar(exemplar: Exemplar | undefined, format: ExpositionFormat): string {
  if (exemplar === undefined || format !== 'openmetrics') return '';
  const labels = renderLabels([
    ['trace_id', exemplar.traceId],
    ['span_id', exemplar.spanId],
  ]);
  return ` # ${labels} ${formatNumber(exemplar.value)} ${(exemplar.timeMs / 1000).toFixed(3)}`;
}
