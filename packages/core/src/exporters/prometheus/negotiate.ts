import type { ExpositionFormat } from './text-format.js';

export const OPENMETRICS_CONTENT_TYPE = 'application/openmetrics-text; version=1.0.0; charset=utf-8';
export const CLASSIC_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/**
 * Picks the format from an `Accept` header by its q-values: OpenMetrics only when
 * the client ranks it above the classic text format (Prometheus sends
 * `application/openmetrics-text;version=1.0.0,…,text/plain;version=0.0.4;q=0.5,…`).
 * Anything else, including no header, gets classic text, which every scraper reads.
 */
export function negotiateFormat(accept: string | undefined): ExpositionFormat {
  if (accept === undefined || accept === '') return 'classic';
  let openMetrics = 0;
  let classic = 0;
  for (const entry of accept.split(',')) {
    const [mediaRange = '', ...parameters] = entry.split(';').map((part) => part.trim().toLowerCase());
    const qParameter = parameters.find((parameter) => parameter.startsWith('q='));
    const q = qParameter === undefined ? 1 : Number(qParameter.slice(2));
    if (!Number.isFinite(q)) continue;
    if (mediaRange === 'application/openmetrics-text') openMetrics = Math.max(openMetrics, q);
    else if (mediaRange === 'text/plain' || mediaRange === 'text/*' || mediaRange === '*/*') classic = Math.max(classic, q);
  }
  return openMetrics > 0 && openMetrics >= classic ? 'openmetrics' : 'classic';
}

export function contentTypeOf(format: ExpositionFormat): string {
  return format === 'openmetrics' ? OPENMETRICS_CONTENT_TYPE : CLASSIC_CONTENT_TYPE;
}
