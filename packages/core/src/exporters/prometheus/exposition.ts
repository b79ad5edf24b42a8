import type { Attributes } from '@opentelemetry/api';
import { DataPointType, type DataPoint, type Histogram, type MetricData, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { createLogger } from '../../internal/logger.js';
import { bucketIndex } from '../../metrics/series.js';
import type { Exemplar } from './exemplar-reservoir.js';
import { counterSampleName, prometheusFamilyName, type PrometheusKind } from './naming.js';
import { escapeHelp, formatBound, formatNumber, renderExemplar, renderLabels, toLabels, type ExpositionFormat } from './text-format.js';

const log = createLogger('prometheus');

/** Where the writer finds the exemplars of one series (OTel metric name + attributes). */
export type ExemplarLookup = (metricName: string, attributes: Attributes) => readonly Exemplar[];

interface Family {
  kind: PrometheusKind;
  help: string;
  metrics: MetricData[];
}

/** Renders one collection as OpenMetrics text (with exemplars and `# EOF`) or classic Prometheus text. */
export function renderExposition(collected: ResourceMetrics, format: ExpositionFormat, exemplarsOf: ExemplarLookup): string {
  const lines: string[] = [];
  renderTargetInfo(collected.resource.attributes, format, lines);
  for (const [name, family] of groupFamilies(collected)) {
    const sampleName = family.kind === 'counter' && format === 'classic' ? counterSampleName(name) : name;
    // OpenMetrics puts TYPE first; the classic text format conventionally puts HELP first.
    const type = `# TYPE ${sampleName} ${family.kind}`;
    const help = family.help === '' ? undefined : `# HELP ${sampleName} ${escapeHelp(family.help, format)}`;
    if (format === 'openmetrics') lines.push(type, ...(help ? [help] : []));
    else lines.push(...(help ? [help] : []), type);
    for (const metric of family.metrics) {
      for (const point of metric.dataPoints as DataPoint<unknown>[]) {
        const exemplars = format === 'openmetrics' ? exemplarsOf(metric.descriptor.name, point.attributes) : [];
        renderPoint(name, family.kind, point, exemplars, format, lines);
      }
    }
  }
  if (format === 'openmetrics') lines.push('# EOF');
  return `${lines.join('\n')}\n`;
}

function kindOf(metric: MetricData): PrometheusKind | undefined {
  if (metric.dataPointType === DataPointType.HISTOGRAM) return 'histogram';
  if (metric.dataPointType === DataPointType.GAUGE) return 'gauge';
  if (metric.dataPointType === DataPointType.SUM) return metric.isMonotonic ? 'counter' : 'gauge';
  return undefined;
}

/** Families by Prometheus name, merged across scopes, so each family's samples stay together as the format requires. */
function groupFamilies(collected: ResourceMetrics): Map<string, Family> {
  const families = new Map<string, Family>();
  for (const scope of collected.scopeMetrics) {
    for (const metric of scope.metrics) {
      const kind = kindOf(metric);
      if (kind === undefined) {
        log.warnOnce(
          `unsupported:${metric.descriptor.name}`,
          `${metric.descriptor.name}: exponential histograms are not exposed to Prometheus`,
        );
        continue;
      }
      const name = prometheusFamilyName(metric.descriptor.name, metric.descriptor.unit, kind);
      const family = families.get(name);
      if (!family) families.set(name, { kind, help: metric.descriptor.description, metrics: [metric] });
      else if (family.kind === kind) family.metrics.push(metric);
      else log.warnOnce(`conflict:${name}`, `${metric.descriptor.name} maps to ${name}, which is already a ${family.kind}; skipped`);
    }
  }
  return families;
}

function renderPoint(
  name: string,
  kind: PrometheusKind,
  point: DataPoint<unknown>,
  exemplars: readonly Exemplar[],
  format: ExpositionFormat,
  lines: string[],
): void {
  const labels = toLabels(point.attributes);
  if (kind === 'histogram') {
    renderHistogram(name, labels, point.value as Histogram, exemplars, format, lines);
    return;
  }
  const sampleName = kind === 'counter' ? counterSampleName(name) : name;
  const exemplar = kind === 'counter' ? latest(exemplars) : undefined;
  lines.push(`${sampleName}${renderLabels(labels)} ${formatNumber(point.value as number)}${renderExemplar(exemplar, format)}`);
}

function renderHistogram(
  name: string,
  labels: [string, string][],
  histogram: Histogram,
  exemplars: readonly Exemplar[],
  format: ExpositionFormat,
  lines: string[],
): void {
  const { boundaries, counts } = histogram.buckets;
  const perBucket = placeInBuckets(boundaries, exemplars);
  let cumulative = 0;
  for (let index = 0; index <= boundaries.length; index++) {
    cumulative += counts[index] ?? 0;
    const bound = index < boundaries.length ? formatBound(boundaries[index] as number, format) : '+Inf';
    const bucketLabels = renderLabels([...labels, ['le', bound]]);
    lines.push(`${name}_bucket${bucketLabels} ${cumulative}${renderExemplar(perBucket[index], format)}`);
  }
  const seriesLabels = renderLabels(labels);
  lines.push(`${name}_sum${seriesLabels} ${formatNumber(histogram.sum ?? 0)}`, `${name}_count${seriesLabels} ${histogram.count}`);
}

/** The newest exemplar that falls in each bucket of the data point's own boundaries. */
function placeInBuckets(boundaries: readonly number[], exemplars: readonly Exemplar[]): (Exemplar | undefined)[] {
  const placed: (Exemplar | undefined)[] = [];
  for (const exemplar of exemplars) {
    const index = bucketIndex(boundaries, exemplar.value);
    const current = placed[index];
    if (current === undefined || current.timeMs <= exemplar.timeMs) placed[index] = exemplar;
  }
  return placed;
}

function latest(exemplars: readonly Exemplar[]): Exemplar | undefined {
  let newest: Exemplar | undefined;
  for (const exemplar of exemplars) if (newest === undefined || newest.timeMs <= exemplar.timeMs) newest = exemplar;
  return newest;
}

/** `target_info`: the resource's attributes, so `service.name` and the like can be joined onto any series. */
function renderTargetInfo(attributes: Attributes, format: ExpositionFormat, lines: string[]): void {
  const labels = renderLabels(toLabels(attributes));
  if (format === 'openmetrics') lines.push('# TYPE target info', '# HELP target Target metadata', `target_info${labels} 1`);
  else lines.push('# HELP target_info Target metadata', '# TYPE target_info gauge', `target_info${labels} 1`);
}
