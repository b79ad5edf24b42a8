import { CliError, EXIT_USAGE } from './errors.js';

const UNIT_MS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `90s`, `15m`, `24h`, `7d`, `2w` → milliseconds. */
export function parseDuration(text: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([smhdw])$/.exec(text.trim());
  if (!match) throw new CliError(`${flag} expects a duration such as 30m, 24h or 7d, not "${text}"`, EXIT_USAGE);
  return Number(match[1]) * UNIT_MS[match[2]!]!;
}

/** `--since`: a duration back from now, or an ISO 8601 date-time. Returns the cut-off in epoch ms. */
export function parseSince(text: string, nowMs: number): number {
  if (/^\d+(?:\.\d+)?\s*[smhdw]$/.test(text.trim())) return nowMs - parseDuration(text, '--since');
  const date = Date.parse(text);
  if (Number.isNaN(date)) throw new CliError(`--since expects a duration (24h, 7d) or an ISO date, not "${text}"`, EXIT_USAGE);
  return date;
}
