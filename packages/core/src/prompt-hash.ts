import { createLogger } from './internal/logger.js';
import { CanonicalWriter } from './internal/canonical-writer.js';
import { MessagePrefixMemo } from './internal/message-prefix.js';
import { ParameterMemo } from './internal/parameter-memo.js';

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
const NO_PARAMETERS: Readonly<Record<string, unknown>> = Object.freeze({});
const lastParameters = new ParameterMemo(TRANSPORT_PARAMETERS);
// v2: MurmurHash3 x86-128 of the canonical JSON; v1 took the first half of its sha256. The JSON is written the same way.
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
    openFingerprint(modelJson(input.model ?? ''));
    writeValue(input.prompt, 0, []);
    return closeFingerprint(input.parameters);
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
 * work per message: integrations fingerprint every model call. A call that starts with the last
 * call's leading messages (an agent's history, an app's system prompt) hashes only what follows them.
 */
export function chatPromptHash(
  model: string | undefined,
  messages: readonly PromptMessage[],
  parameters?: Record<string, unknown>,
): string | undefined {
  try {
    const modelKey = modelJson(model ?? '');
    let index = leadingMessages.resume(modelKey, messages);
    if (index === 0) {
      openFingerprint(modelKey);
      writer.raw('[');
    }
    for (; index < messages.length; index++) {
      const message = messages[index] as PromptMessage;
      const { role, content } = message;
      // As writeValue would write the message object: keys sorted (content, then role), null fields left out.
      writer.raw(index === 0 ? '{' : ',{');
      const hasContent = !isNull(content);
      if (hasContent) {
        writer.raw('"content":');
        if (typeof content === 'string') writer.text(sampled(content));
        else writeValue(content, 2, [messages, message]);
      }
      if (!isNull(role)) {
        writer.raw(hasContent ? ',"role":' : '"role":');
        if (typeof role === 'string') writer.raw(roleJson(role));
        else writeValue(role, 2, [messages, message]);
      }
      writer.raw('}');
      leadingMessages.remember(index, role, content);
    }
    writer.raw(']');
    return closeFingerprint(parameters);
  } catch (error) {
    leadingMessages.forget();
    return unhashable(error);
  }
}

/**
 * One writer for every fingerprint: they are synchronous, so no two share it
 * at once, and the canonical JSON of [version, model, prompt, parameters] is
 * hashed as it is written.
 */
const writer = new CanonicalWriter();

/** Opens `[version, model,` with the model's JSON (`modelJson`). */
function openFingerprint(modelKey: string): void {
  writer.raw(`[${VERSION_JSON},`);
  writer.raw(modelKey);
  writer.raw(',');
}

function closeFingerprint(parameters: Record<string, unknown> | undefined): string {
  writer.raw(',');
  const given = parameters ?? NO_PARAMETERS;
  const known = lastParameters.lookup(given);
  if (known !== undefined) writer.raw(known);
  else {
    const start = writer.position();
    writeObject(given, 0, [], TRANSPORT_PARAMETERS);
    lastParameters.remember(given, writer.writtenSince(start));
  }
  writer.raw(']');
  return writer.digest();
}

function unhashable(error: unknown): undefined {
  writer.reset();
  log.warnOnce('hash', 'could not fingerprint a prompt; sightline.prompt.hash is left unset', error);
  return undefined;
}

/** JSON.stringify for a string, skipped when nothing in it needs escaping. */
const JSON_SAFE = /^[ !#-[\]-~]*$/;
function stringJson(text: string): string {
  return JSON_SAFE.test(text) ? `"${text}"` : JSON.stringify(text);
}

/**
 * Texts past this length are fingerprinted from a fixed-size sample: every model
 * call is fingerprinted inside the app's own call, and a 10 MB prompt must not
 * cost a normalization and a hash of 10 MB there.
 */
export const MAX_FINGERPRINTED_TEXT = 65_536;
/** The leading messages of the last chat fingerprint, which the next one skips where it repeats them. */
const leadingMessages = new MessagePrefixMemo(writer, MAX_FINGERPRINTED_TEXT);
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
const roleJson = remembered((role) => JSON.stringify(sampled(role).normalize('NFC').replace(/\s+/g, ' ').trim()));
const modelJson = remembered((model) => stringJson(model.trim().toLowerCase()));

const ELIDED = JSON.stringify('[…]');

/** Whether a value is written as null (and left out as an object field): nothing else ever is. */
function isNull(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  const type = typeof value;
  return type === 'function' || type === 'symbol';
}

/**
 * Writes the normalized value as JSON: strings normalized, non-finite numbers and bigints as
 * strings, functions and symbols as null, object keys sorted with null fields left out,
 * and anything past 32 levels or seen on the way down (a cycle) as "[…]".
 */
function writeValue(value: unknown, depth: number, ancestors: object[]): void {
  if (typeof value === 'string') writer.text(sampled(value));
  // A finite number's JSON is its String(); the others are written as strings.
  else if (typeof value === 'number') writer.raw(Number.isFinite(value) ? String(value) : JSON.stringify(String(value)));
  else if (typeof value === 'boolean') writer.raw(value ? 'true' : 'false');
  else if (typeof value === 'bigint') writer.raw(JSON.stringify(value.toString()));
  else if (value === null || typeof value !== 'object') writer.raw('null');
  else if (depth >= MAX_DEPTH || ancestors.includes(value)) writer.raw(ELIDED);
  else if (!Array.isArray(value)) writeObject(value, depth, ancestors);
  else {
    ancestors.push(value);
    writer.raw('[');
    for (let index = 0; index < value.length; index++) {
      if (index > 0) writer.raw(',');
      writeValue(value[index], depth + 1, ancestors);
    }
    writer.raw(']');
    ancestors.pop();
  }
}

function writeObject(value: object, depth: number, ancestors: object[], skip?: ReadonlySet<string>): void {
  ancestors.push(value);
  writer.raw('{');
  let first = true;
  for (const key of sortedKeys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (skip?.has(key) || isNull(item)) continue;
    if (!first) writer.raw(',');
    writer.raw(keyJson(key));
    writer.raw(':');
    first = false;
    writeValue(item, depth + 1, ancestors);
  }
  writer.raw('}');
  ancestors.pop();
}

const INSERTION_SORT_LIMIT = 16;

/**
 * The object's keys in `Array#sort` order (UTF-16 code units). Parameter objects have a handful of
 * keys: an insertion sort with `<` beats the generic sort's comparator calls there.
 */
function sortedKeys(value: object): string[] {
  const keys = Object.keys(value);
  if (keys.length > INSERTION_SORT_LIMIT) return keys.sort();
  for (let index = 1; index < keys.length; index++) {
    const key = keys[index] as string;
    let at = index - 1;
    while (at >= 0 && (keys[at] as string) > key) {
      keys[at + 1] = keys[at] as string;
      at--;
    }
    keys[at + 1] = key;
  }
  return keys;
}
