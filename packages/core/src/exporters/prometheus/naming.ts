/**
 * OTel → Prometheus names, following the OpenTelemetry "Prometheus and OpenMetrics
 * compatibility" spec as the Collector's and Prometheus' own OTLP translator
 * implement it. Matching the translator matters: the same metric reaches
 * Prometheus either by this endpoint or through Alloy, and the dashboards and
 * rules must find one name either way.
 */

/** Prometheus kinds a family can take here. */
export type PrometheusKind = 'counter' | 'gauge' | 'histogram';

const UNIT_WORDS: Readonly<Record<string, string>> = {
  d: 'days',
  h: 'hours',
  min: 'minutes',
  s: 'seconds',
  ms: 'milliseconds',
  us: 'microseconds',
  ns: 'nanoseconds',
  By: 'bytes',
  KiBy: 'kibibytes',
  MiBy: 'mebibytes',
  GiBy: 'gibibytes',
  TiBy: 'tibibytes',
  KBy: 'kilobytes',
  MBy: 'megabytes',
  GBy: 'gigabytes',
  TBy: 'terabytes',
  m: 'meters',
  V: 'volts',
  A: 'amperes',
  J: 'joules',
  W: 'watts',
  g: 'grams',
  Cel: 'celsius',
  Hz: 'hertz',
  '1': '',
  '%': 'percent',
};

const PER_UNIT_WORDS: Readonly<Record<string, string>> = {
  s: 'second',
  m: 'minute',
  h: 'hour',
  d: 'day',
  w: 'week',
  mo: 'month',
  y: 'year',
};

// ASCII only: Prometheus 2.x rejects any other character in a metric name.
const NON_ALPHANUMERIC = /[^a-zA-Z0-9]+/;

function tokens(text: string): string[] {
  return text.split(NON_ALPHANUMERIC).filter((token) => token !== '');
}

/** `{token}`-style annotations name no unit; anything unknown (e.g. `USD`) is kept as written. */
function unitToken(unit: string, words: Readonly<Record<string, string>>): string {
  const trimmed = unit.trim();
  if (trimmed === '' || /[{}]/.test(trimmed)) return '';
  return tokens(words[trimmed] ?? trimmed).join('_');
}

/**
 * The Prometheus family name of an OTel metric: `.` and other separators become
 * `_`, the unit becomes a suffix (`s` → `_seconds`, `By/s` → `_bytes_per_second`),
 * `_ratio` marks unit-`1` gauges. The `_total` of counters is added by the
 * writer, because OpenMetrics names the family without it.
 */
export function prometheusFamilyName(name: string, unit: string, kind: PrometheusKind): string {
  const nameTokens = tokens(name);
  const [main = '', per] = unit.split('/', 2);
  const mainWord = unitToken(main, UNIT_WORDS);
  if (mainWord !== '' && !nameTokens.includes(mainWord)) nameTokens.push(mainWord);
  if (per !== undefined) {
    const perWord = unitToken(per, PER_UNIT_WORDS);
    if (perWord !== '' && !nameTokens.includes(perWord)) nameTokens.push('per', perWord);
  }
  if (kind === 'counter') removeToken(nameTokens, 'total');
  if (unit.trim() === '1' && kind === 'gauge') {
    removeToken(nameTokens, 'ratio');
    nameTokens.push('ratio');
  }
  const joined = nameTokens.join('_');
  return /^[0-9]/.test(joined) ? `_${joined}` : joined;
}

/** The name a counter's samples carry (and the name of the family in classic text). */
export function counterSampleName(familyName: string): string {
  return `${familyName}_total`;
}

function removeToken(list: string[], token: string): void {
  for (let index = list.indexOf(token); index !== -1; index = list.indexOf(token)) list.splice(index, 1);
}

/** Attribute key → label name: anything outside `[a-zA-Z0-9_]` becomes `_`; no leading digit. */
export function prometheusLabelName(key: string): string {
  const sanitized = key.replace(/[^a-zA-Z0-9_]/g, '_');
  return /^[0-9]/.test(sanitized) ? `key_${sanitized}` : sanitized;
}
