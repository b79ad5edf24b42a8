import { escapeControl } from '../cli/escape-control.js';
import type { ChartData, TimeSeriesData } from '../types.js';

/** A Chart.js configuration as plain JSON (no callbacks), so it can be embedded in the page as data. */
export interface ChartSpec {
  id: string;
  title: string;
  config: { type: string; data: { labels?: string[]; datasets: Record<string, unknown>[] }; options: Record<string, unknown> };
}

const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

/**
 * The charts the report has data for: cost and latency always, quality and GPU only when recorded.
 * Names from telemetry (teams, features, models, evaluations) are labels drawn on the page: escaped as the tables are.
 */
export function chartSpecs(data: ChartData): ChartSpec[] {
  const specs: ChartSpec[] = [
    {
      id: 'cost-over-time',
      title: 'Cost over time by team (USD)',
      config: stackedBars(timeLabels(data.costOverTimeByTeam), data.costOverTimeByTeam.series, 'USD'),
    },
    {
      id: 'cost-by-feature-model',
      title: 'Cost by feature and model (USD)',
      config: stackedBars(data.costByFeatureAndModel.features.map(escapeControl), data.costByFeatureAndModel.models, 'USD'),
    },
    {
      id: 'latency-by-layer',
      title: 'Latency p95 by layer (seconds)',
      config: {
        type: 'bar',
        data: {
          labels: data.latencyP95ByLayer.map((layer) => `${layer.layer} (${layer.spans})`),
          datasets: [{ label: 'p95 seconds', data: data.latencyP95ByLayer.map((layer) => layer.p95Seconds), backgroundColor: PALETTE[0] }],
        },
        options: { ...baseOptions(), scales: { y: { beginAtZero: true, title: { display: true, text: 'seconds' } } } },
      },
    },
  ];
  if (data.qualityOverTime) {
    specs.push({
      id: 'quality-over-time',
      title: 'Evaluation scores over time (mean per bucket)',
      config: {
        type: 'line',
        data: {
          labels: timeLabels(data.qualityOverTime),
          datasets: Object.entries(data.qualityOverTime.series).map(([name, values], index) => ({
            label: escapeControl(name),
            data: values,
            borderColor: color(index),
            backgroundColor: color(index),
            spanGaps: true,
          })),
        },
        options: { ...baseOptions(), scales: { y: { min: 0, max: 1 } } },
      },
    });
  }
  if (data.gpuVersusLatency) {
    const byModel = new Map<string, { x: number; y: number }[]>();
    for (const point of data.gpuVersusLatency) {
      const points = byModel.get(point.model) ?? [];
      points.push({ x: Math.round(point.utilization * 1000) / 10, y: point.latencySeconds });
      byModel.set(point.model, points);
    }
    specs.push({
      id: 'gpu-vs-latency',
      title: 'GPU utilization against LLM latency',
      config: {
        type: 'scatter',
        data: {
          datasets: [...byModel.entries()].map(([model, points], index) => ({
            label: escapeControl(model),
            data: points,
            backgroundColor: color(index),
          })),
        },
        options: {
          ...baseOptions(),
          scales: {
            x: { min: 0, max: 100, title: { display: true, text: 'GPU utilization %' } },
            y: { beginAtZero: true, title: { display: true, text: 'latency (s)' } },
          },
        },
      },
    });
  }
  return specs;
}

function stackedBars(labels: string[], series: Record<string, (number | null)[]>, unit: string): ChartSpec['config'] {
  return {
    type: 'bar',
    data: {
      labels,
      datasets: Object.entries(series).map(([name, values], index) => ({
        label: escapeControl(name),
        data: values,
        backgroundColor: color(index),
        stack: 'cost',
      })),
    },
    options: {
      ...baseOptions(),
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, title: { display: true, text: unit } } },
    },
  };
}

function baseOptions(): Record<string, unknown> {
  // No animation: the page is a static document, and it renders in one frame for screenshots and tests.
  return { animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { position: 'bottom' } } };
}

function timeLabels(series: TimeSeriesData): string[] {
  const withSeconds = series.bucketSeconds < 60;
  return series.labels.map((iso) => iso.replace('T', ' ').slice(0, withSeconds ? 19 : 16));
}

function color(index: number): string {
  return PALETTE[index % PALETTE.length]!;
}
