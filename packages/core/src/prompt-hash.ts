import { createLogger } from './internal/logger.js';
import { murmurHash3x86_128Hex } from './internal/murmurhash3.js';

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
// v2: MurmurHash3 x86-128 of the canonical JSON; v1 took the first half of its sha256. The JSON is built the same way.
const FINGERPRINT_VERSION = 'v2';
const VERSION_JSON = JSON.stringify(FINGERPRINT_VERSION);

/**
 * `sightline.prompt.hash`: a 128-bit hex fingerprint of the normalized prompt,
 * model and parameters. Two calls with the same fingerprint would have returned
 * a cacheable answer, which is how `sightline report` finds redundant calls.
 * It stores no content, so it is recorded even with content capture off.
 *
 * Normalization: strings are Unicode-NFC, trimmed, with runs of whitespace
 * collapsed (a trailing newline does not make a new prompt); object keys are
 * sorted; undefined and null fields are dropped; the model is lower-cased.
 * A string over 64 KiB is replaced by its length and a 64 KiB sample first.
 * Returns undefined, never throws, when the input cannot be hashed.
 */
export function promptHash(input: PromptHashInput): string | undefined {
  try {
    return fingerprint(input.model, canonicalJson(input.prompt, 0, []), input.parameters);
  } catch (error) {
    return unhashable(error);
  }
}

/** A chat message as the fingerprint sees it: its role and its content (text, or structured parts). */
export interface PromptMessage {
  role: string;
  content: unknown;
}

/**
 * `promptHash({ model, prompt: messages, parameters })` for chat messages, equal to it, with less
 * work per message: integrations fingerprint every model call.
 */
export function chatPromptHash(
  model: string | undefined,
  messages: readonly PromptMessage[],
  parameters?: Record<string, unknown>,
): string | undefined {
  try {
    let prompt = '';
    for (const message of messages) {
      // As canonicalJson would write the message object: keys sorted (content, then role), null fields left out.
      const content = typeof message.content === 'string' ? textJson(message.content) : canonicalJson(message.content, 2, [messages, message]);
      const role = typeof message.role === 'string' ? roleJson(message.role) : canonicalJson(message.role, 2, [messages, message]);
      let fields = content === NULL ? '' : `"content":${content}`;
      if (role !== NULL) fields += `${fields === '' ? '' : ','}"role":${role}`;
      prompt += `${prompt === '' ? '' : ','}{${fields}}`;
    }
    return fingerprint(model, `[${prompt}]`, parameters);
  } catch (error) {
    return unhashable(error);
  }
}

/** The hash of the canonical JSON of [version, model, prompt, parameters]. */
function fingerprint(model: string | undefined, promptJson: string, parameters: Record<string, unknown> | undefined): string {
  const canonical = `[${VERSION_JSON},${modelJson(model ?? '')},${promptJson},`
    + `${canonicalObject(parameters ?? {}, 0, [], TRANSPORT_PARAMETERS)}]`;
  return murmurHash3x86_128Hex(canonical);
}

function unhashable(error: unknown): undefined {
  log.warnOnce('hash', 'could not fingerprint a prompt; sightline.prompt.hash is left unset', error);
  return undefined;
}

/**
 * Printable ASCII words separated by single spaces: already normalized, the common case for
 * prompts. Every space must be followed by a word, so the pattern cannot backtrack exponentially.
 */
const ALREADY_NORMAL = /^[!-~]+(?: [!-~]+)*$/;
/** The same, without the two characters JSON escapes (`"` and `\`): such text is its own JSON body. */
const NORMAL_AND_JSON_SAFE = /^[!#-[\]-~]+(?: [!#-[\]-~]+)*$/;

const JSON_SAFE = /^[ !#-[\]-~]*$/;

/** JSON.stringify for a string, skipped when nothing in it needs escaping. */
function stringJson(text: string): string {
  return JSON_SAFE.test(text) ? `"${text}"` : JSON.stringify(text);
}

/**
 * Texts past this length are fingerprinted from a fixed-size sample: every model
 * call is fingerprinted inside the app's own call, and a 10 MB prompt must not
 * cost a normalization and a hash of 10 MB there.
 */
export const MAX_FINGERPRINTED_TEXT = 65_536;
const SAMPLE_WINDOWS = 16;
const SAMPLE_WINDOW = MAX_FINGERPRINTED_TEXT / SAMPLE_WINDOWS;

/** The text's length and 16 evenly spaced windows, first and last included: bounded work, and still one text per fingerprint in practice. */
function sampled(text: string): string {
  if (text.length <= MAX_FINGERPRINTED_TEXT) return text;
  const step = (text.length - SAMPLE_WINDOW) / (SAMPLE_WINDOWS - 1);
  let sample = `${text.length}`;
  for (let index = 0; index < SAMPLE_WINDOWS; index++) {
    const start = Math.floor(index * step);
    sample += `\u0000${text.slice(start, start + SAMPLE_WINDOW)}`;
  }
  return sample;
}

/** JSON of the normalized text. */
function textJson(whole: string): string {
  const text = sampled(whole);
  if (NORMAL_AND_JSON_SAFE.test(text)) return `"${text}"`;
  return JSON.stringify(ALREADY_NORMAL.test(text) ? text : text.normalize('NFC').replace(/\s+/g, ' ').trim());
}

/**
 * JSON of strings that are few and repeat on every call (object keys, roles, models),
 * remembered up to a bound.
 */
function remembered(toJson: (value: string) => string): (value: string) => string {
  const known = new Map<string, string>();
  return (value) => {
    let json = known.get(value);
    if (json === undefined) {
      json = toJson(value);
      if (known.size < MAX_REMEMBERED) known.set(value, json);
    }
    return json;
  };
}

const MAX_REMEMBERED = 256;
const keyJson = remembered(stringJson);
const roleJson = remembered(textJson);
const modelJson = remembered((model) => stringJson(model.trim().toLowerCase()));

const NULL = 'null';
const ELIDED = JSON.stringify('[…]');

/**
 * The normalized value as JSON: strings normalized, non-finite numbers and bigints as
 * strings, functions and symbols as null, object keys sorted with null fields left out,
 * and anything past 32 levels or seen on the way down (a cycle) as "[…]".
 */
function canonicalJson(value: unknown, depth: number, ancestors: object[]): string {
  if (typeof value === 'string') return textJson(value);
  if (typeof value === 'number') return JSON.stringify(Number.isFinite(value) ? value : String(value));
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  if (value === null || typeof value !== 'object') return NULL;
  if (depth >= MAX_DEPTH || ancestors.includes(value)) return ELIDED;
  if (!Array.isArray(value)) return canonicalObject(value, depth, ancestors);
  ancestors.push(value);
  try {
    let out = '[';
    for (let index = 0; index < value.length; index++) out += (index === 0 ? '' : ',') + canonicalJson(value[index], depth + 1, ancestors);
    return `${out}]`;
  } finally {
    ancestors.pop();
  }
}

function canonicalObject(value: object, depth: number, ancestors: object[], skip?: ReadonlySet<string>): string {
  ancestors.push(value);
  try {
    let out = '';
    for (const key of Object.keys(value).sort()) {
      if (skip?.has(key)) continue;
      const item = canonicalJson((value as Record<string, unknown>)[key], depth + 1, ancestors);
      if (item !== NULL) out += `${out === '' ? '' : ','}${keyJson(key)}:${item}`;
    }
    return `{${out}}`;
  } finally {
    ancestors.pop();
  }
}
