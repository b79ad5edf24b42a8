import { createHash, createHmac } from 'node:crypto';
import { BoundedCache } from './bounded-cache.js';

/**
 * A hashed tag value: `sha256:` or `hmac:` and 16 hex digits (64 bits, so
 * collisions stay negligible for billions of ids). The prefix makes a hash
 * recognisable, so a value that crossed a process boundary already hashed (in
 * baggage) is kept as it is, not hashed again.
 */
const HASHED_VALUE = /^(?:sha256|hmac):[0-9a-f]{16}$/;
const HEX_DIGITS = 16;
/** Hashes of recent values: the same user id arrives on every request of a session. */
const CACHED_HASHES = 1024;

export function isHashedTagValue(value: unknown): value is string {
  return typeof value === 'string' && HASHED_VALUE.test(value);
}

/**
 * Pseudonymises tag values such as user ids. With a key it is an HMAC-SHA-256,
 * which nobody without the key can reverse by guessing; without one it is a
 * plain SHA-256, which keeps raw ids out of telemetry but can be matched
 * against a list of candidate ids.
 */
export class TagHasher {
  private readonly cache = new BoundedCache<string, string>(CACHED_HASHES);

  constructor(private readonly key: string | undefined) {}

  hash(value: string): string {
    if (isHashedTagValue(value)) return value;
    let hashed = this.cache.get(value);
    if (hashed === undefined) {
      const digest = this.key === undefined ? createHash('sha256') : createHmac('sha256', this.key);
      hashed = `${this.key === undefined ? 'sha256' : 'hmac'}:${digest.update(value).digest('hex').slice(0, HEX_DIGITS)}`;
      this.cache.set(value, hashed);
    }
    return hashed;
  }
}
