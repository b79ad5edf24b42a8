import { MURMUR_STATE_SIZE, Murmur3x86_128 } from './murmurhash3.js';

/** A multiple of 8 code units (one hash block), so a full buffer hashes whole. */
const CAPACITY = 4096;
/** Code units in one hash block. */
const BLOCK = 8;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const SPACE = 0x20;
const HEX = '0123456789abcdef';
/** JSON.stringify's short escapes for the control characters that are not whitespace (whitespace never reaches it). */
const SHORT_ESCAPES: Readonly<Record<number, number>> = { 0x08: 0x62 /* \b */ };

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Writes JSON, one code unit at a time, into a fixed buffer that is hashed
 * (MurmurHash3 x86-128) whenever it fills: the digest equals the hash of the
 * whole JSON string, which is never built. Prompt fingerprints run inside
 * every model call, and building, normalizing and then hashing a prompt's
 * JSON as strings cost several microseconds a call.
 */
export class CanonicalWriter {
  private readonly buffer = new Uint16Array(CAPACITY);
  private length = 0;
  /** Times the buffer's content moved (hashed when full, or by `save`): a `position` before one is gone. */
  private moves = 0;
  private readonly hash = new Murmur3x86_128();

  /** Text that is already JSON (punctuation, numbers, remembered keys). */
  raw(json: string): void {
    // Buffer and length in locals: this runs for every key, number and punctuation mark of every fingerprint.
    const buffer = this.buffer;
    let length = this.length;
    for (let at = 0; at < json.length; at++) {
      buffer[length++] = json.charCodeAt(at);
      if (length === CAPACITY) length = this.flush();
    }
    this.length = length;
  }

  /**
   * The JSON string of `text` normalized: whitespace runs collapsed to one
   * space and trimmed, Unicode in NFC. ASCII text (the common case) is
   * normalized and escaped in one pass, exactly as
   * `JSON.stringify(text.replace(/\s+/g, ' ').trim())` would write it; other
   * text takes that very path, after `normalize('NFC')`.
   */
  text(text: string): void {
    if (NON_ASCII.test(text)) {
      this.raw(JSON.stringify(text.normalize('NFC').replace(/\s+/g, ' ').trim()));
      return;
    }
    const buffer = this.buffer;
    let length = this.length;
    buffer[length++] = QUOTE;
    if (length === CAPACITY) length = this.flush();
    let pendingSpace = false;
    let wroteAny = false;
    for (let at = 0; at < text.length; at++) {
      const code = text.charCodeAt(at);
      // ASCII whitespace as /\s/ and trim() see it: tab, newline, vertical tab, form feed, carriage return, space.
      if (code === SPACE || (code >= 0x09 && code <= 0x0d)) {
        pendingSpace = wroteAny;
        continue;
      }
      if (pendingSpace) {
        buffer[length++] = SPACE;
        if (length === CAPACITY) length = this.flush();
        pendingSpace = false;
      }
      wroteAny = true;
      if (code < SPACE) {
        // Rare: the escape goes through the unit-at-a-time path.
        this.length = length;
        this.control(code);
        length = this.length;
        continue;
      }
      if (code === QUOTE || code === BACKSLASH) {
        buffer[length++] = BACKSLASH;
        if (length === CAPACITY) length = this.flush();
      }
      buffer[length++] = code;
      if (length === CAPACITY) length = this.flush();
    }
    buffer[length++] = QUOTE;
    if (length === CAPACITY) length = this.flush();
    this.length = length;
  }

  /** Where the writer stands, for `writtenSince`. */
  position(): number {
    return this.moves * CAPACITY + this.length;
  }

  /** What was written since `position()` returned `since`, or undefined once the buffer has moved on since. */
  writtenSince(since: number): string | undefined {
    const start = since - this.moves * CAPACITY;
    if (start < 0) return undefined;
    return String.fromCharCode.apply(null, this.buffer.subarray(start, this.length) as unknown as number[]);
  }

  /** The digest of everything written since the last one; the writer starts over. */
  digest(): string {
    const length = this.length;
    this.length = 0;
    this.moves++;
    return this.hash.finish(this.buffer, length);
  }

  /**
   * Saves where the writer stands into slot `slot` of `states`. The whole blocks written so far are hashed
   * first (the digest is the same whenever a block is hashed), so a saved state is the hash's and at most
   * seven code units.
   */
  save(states: WriterStates, slot: number): void {
    const whole = this.length - (this.length % BLOCK);
    if (whole > 0) {
      this.hash.update(this.buffer, whole);
      this.buffer.copyWithin(0, whole, this.length);
      this.length -= whole;
      this.moves++;
    }
    this.hash.save(states.hashes, slot * MURMUR_STATE_SIZE);
    states.tails.set(this.buffer.subarray(0, this.length), slot * BLOCK);
    states.tailLengths[slot] = this.length;
  }

  /** Goes back to where the writer stood at `save(states, slot)`: what was written since is dropped. */
  restore(states: WriterStates, slot: number): void {
    this.hash.restore(states.hashes, slot * MURMUR_STATE_SIZE);
    const length = states.tailLengths[slot] as number;
    this.buffer.set(states.tails.subarray(slot * BLOCK, slot * BLOCK + length));
    this.length = length;
    this.moves++;
  }

  /** Drops what was written (after a failure), so the next fingerprint starts clean. */
  reset(): void {
    this.length = 0;
    this.moves++;
    this.hash.reset();
  }

  private control(code: number): void {
    const short = SHORT_ESCAPES[code];
    this.unit(BACKSLASH);
    if (short !== undefined) {
      this.unit(short);
      return;
    }
    this.raw(`u00${HEX[code >> 4]}${HEX[code & 0x0f]}`);
  }

  private unit(code: number): void {
    this.buffer[this.length++] = code;
    if (this.length === CAPACITY) this.length = this.flush();
  }

  /** Hashes the full buffer; returns the new length, 0. */
  private flush(): number {
    this.hash.update(this.buffer, CAPACITY);
    this.moves++;
    return 0;
  }
}

/** A fixed number of saved writer states, in typed arrays: saving one allocates nothing. */
export class WriterStates {
  readonly hashes: Float64Array;
  readonly tails: Uint16Array;
  readonly tailLengths: Uint8Array;

  constructor(slots: number) {
    this.hashes = new Float64Array(slots * MURMUR_STATE_SIZE);
    this.tails = new Uint16Array(slots * BLOCK);
    this.tailLengths = new Uint8Array(slots);
  }
}
