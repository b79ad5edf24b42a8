import { semconv } from '@sightline/core/instrumentation';
import { looksLikeRefusal } from '../rules/refusal.js';

export type JudgeVerdict =
  | { ok: true; score: number; label: string | undefined; explanation: string | undefined }
  | { ok: false; reason: typeof REASON_MALFORMED | typeof REASON_EVAL_REFUSED | typeof REASON_EVAL_OUT_OF_RANGE };

const { REASON_EVAL_OUT_OF_RANGE, REASON_EVAL_REFUSED, REASON_MALFORMED } = semconv;

const MAX_LABEL_LENGTH = 32;
const MAX_EXPLANATION_LENGTH = 1000;
const SCORE_KEYS = ['score', 'value', 'rating'];

/**
 * Reads a judge's reply. Accepts a JSON object (bare, fenced, or inside prose)
 * with a 0..1 `score`, or a reply that is just a number. Anything else is no
 * score, with the reason: a refusal, an out-of-range number, or malformed.
 * Never throws.
 */
export function parseJudgeReply(reply: unknown): JudgeVerdict {
  if (typeof reply !== 'string') return { ok: false, reason: REASON_MALFORMED };
  const text = reply.trim();
  const object = findJsonObject(text);
  if (object !== undefined) return verdictFrom(object);
  if (/^-?\d+(?:\.\d+)?$/.test(text)) return scored(Number(text), undefined, undefined);
  return { ok: false, reason: looksLikeRefusal(text) ? REASON_EVAL_REFUSED : REASON_MALFORMED };
}

function verdictFrom(object: Record<string, unknown>): JudgeVerdict {
  const key = SCORE_KEYS.find((name) => object[name] !== undefined);
  const raw = key === undefined ? undefined : object[key];
  const score = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
  const label = typeof object.label === 'string' ? cleanLabel(object.label) : undefined;
  const explanation = typeof object.explanation === 'string' ? object.explanation.slice(0, MAX_EXPLANATION_LENGTH) : undefined;
  return scored(score, label, explanation);
}

function scored(score: number, label: string | undefined, explanation: string | undefined): JudgeVerdict {
  if (!Number.isFinite(score)) return { ok: false, reason: REASON_MALFORMED };
  if (score < 0 || score > 1) return { ok: false, reason: REASON_EVAL_OUT_OF_RANGE };
  return { ok: true, score, label, explanation };
}

function findJsonObject(text: string): Record<string, unknown> | undefined {
  const unfenced = text.replace(/^```(?:json)?\s*/i, '').replace(/\s*```$/, '');
  const candidates = [unfenced];
  const start = unfenced.indexOf('{');
  const end = unfenced.lastIndexOf('}');
  if (start >= 0 && end > start) candidates.push(unfenced.slice(start, end + 1));
  for (const candidate of candidates) {
    try {
      const parsed: unknown = JSON.parse(candidate);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // not JSON: try the next candidate
    }
  }
  return undefined;
}

/** Labels become metric-friendly words: lower case, `_` for anything else, bounded. */
function cleanLabel(label: string): string | undefined {
  const cleaned = label
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, MAX_LABEL_LENGTH);
  return cleaned === '' ? undefined : cleaned;
}
