import * as crypto from 'node:crypto';
import { createLogger } from './internal/logger.js';

const log = createLogger('prompt-hash');

export interface PromptHashInput {
  /** The requested model; part of the fingerprint because another model would answer differently. */
  model: string | undefined;
  /** A string, or messages as `{ role, content }` objects (content may be structured, e.g. multimodal parts). */
  prompt: unknown;
  /** The parameters that change the answer: temperature, max_tokens, top_p, tools, response_format, stop, … */
  parameters?: Record<string, unknown>;
}

/** Parameters that change how a call travels, not what it answers. */
const TRANSPORT_PARAMETERS = new Set(['stream', 'signal', 'timeout', 'callbacks', 'streaming', 'maxRetries', 'max_retries']);
const MAX_DEPTH = 32;
const FINGERPRINT_VERSION = 'v1';

/**
 * `sightline.prompt.hash`: a 128-bit hex fingerprint of the normalized prompt,
 * model and parameters. Two calls with the same fingerprint would have returned
 * a cacheable answer, which is how `sightline report` finds redundant calls.
 * It stores no content, so it is recorded even with content capture off.
 *
 * Normalization: strings are Unicode-NFC, trimmed, with runs of whitespace
 * collapsed (a trailing newline does not make a new prompt); object keys are
 * sorted; undefined and null fields are dropped; the model is lower-cased.
 * Returns undefined, never throws, when the input cannot be hashed.
 */
export function promptHash(input: PromptHashInput): string | undefined {
  try {
    const parameters: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(input.parameters ?? {})) {
      if (!TRANSPORT_PARAMETERS.has(key)) parameters[key] = value;
    }
    const canonical = JSON.stringify([
      FINGERPRINT_VERSION,
      (input.model ?? '').trim().toLowerCase(),
      normalize(input.prompt, 0, new WeakSet()),
      normalize(parameters, 0, new WeakSet()),
    ]);
    return sha256Hex(canonical).slice(0, 32);
  } catch (error) {
    log.warnOnce('hash', 'could not fingerprint a prompt; sightline.prompt.hash is left unset', error);
    return undefined;
  }
}

/** Node ≥ 20.12 has a one-shot `crypto.hash`, several times cheaper than a Hash object for short inputs. */
const oneShotHash = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

function sha256Hex(text: string): string {
  return oneShotHash ? oneShotHash('sha256', text, 'hex') : crypto.createHash('sha256').update(text).digest('hex');
}

/**
 * Printable ASCII words separated by single spaces: already normalized, the common case for
 * prompts. Every space must be followed by a word, so the pattern cannot backtrack exponentially.
 */
const ALREADY_NORMAL = /^[!-~]+(?: [!-~]+)*$/;

function normalizeText(text: string): string {
  if (ALREADY_NORMAL.test(text)) return text;
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

function normalize(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return normalizeText(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'boolean' || value === null || value === undefined) return value ?? null;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object') return null; // functions and symbols carry no prompt
  if (depth >= MAX_DEPTH || seen.has(value)) return '[…]';
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => normalize(item, depth + 1, seen));
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const item = normalize((value as Record<string, unknown>)[key], depth + 1, seen);
      if (item !== null) out[key] = item;
    }
    return out;
  } finally {
    seen.delete(value);
  }
}
