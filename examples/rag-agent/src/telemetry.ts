import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { init, type Sightline, type SightlineAlert } from '@sightline/core';
import { evaluations } from '@sightline/evaluation';
import { demoEvaluators } from './evaluators.js';

export interface TelemetryOptions {
  dir: string;
  /** OTLP/HTTP base URL: telemetry also goes to a collector or Grafana Alloy. */
  otlpUrl?: string;
  /** Serve the OpenMetrics endpoint on this port for Prometheus to scrape. */
  prometheusPort?: number;
  prometheusHost?: string;
  /** The real small model judges when a provider key is set; otherwise the scripted judge does. */
  judgeModel?: BaseChatModel;
}

export interface DemoTelemetry {
  obs: Sightline;
  /** Alerts raised so far: budget, quality breach, drift. */
  alerts: SightlineAlert[];
}

/** Daily budgets small enough that the demo's traffic crosses them, so the alert path shows. */
const BUDGETS = [
  { match: { team: 'support' }, usd: 0.01, window: '1d', name: 'support-daily' },
  { match: { team: 'search' }, usd: 0.05, window: '1d', name: 'search-daily' },
] as const;

/**
 * The agent process's Sightline: the file exporter always (the report and
 * diagnose read it), plus OTLP and Prometheus when asked, the demo's
 * evaluators and budgets, and every alert collected for the summary.
 */
export function startTelemetry(options: TelemetryOptions): DemoTelemetry {
  const alerts: SightlineAlert[] = [];
  const obs = init({
    serviceName: 'support-bot',
    serviceVersion: '0.1.0',
    defaultTags: { environment: 'dev' },
    exporters: {
      file: options.dir,
      ...(options.otlpUrl ? { otlp: { url: options.otlpUrl, ...otlpSignals(options) } } : {}),
      ...(options.prometheusPort !== undefined ? { prometheus: prometheusEndpoint(options.prometheusPort, options.prometheusHost) } : {}),
    },
    evaluation: evaluations({ evaluators: demoEvaluators(options.judgeModel) }),
    budgets: BUDGETS.map((budget) => ({ ...budget, match: { ...budget.match } })),
    onAlert: (alert) => alerts.push(alert),
    metricExportIntervalMs: 5_000,
  });
  return { obs, alerts };
}

/** With the scraped endpoint on, metrics go that way only (with exemplars): over OTLP too they would count twice. */
function otlpSignals(options: TelemetryOptions): { signals?: ('traces' | 'logs')[] } {
  return options.prometheusPort === undefined ? {} : { signals: ['traces', 'logs'] };
}

function prometheusEndpoint(port: number, host: string | undefined): { port: number; host?: string } {
  return host === undefined ? { port } : { port, host };
}
