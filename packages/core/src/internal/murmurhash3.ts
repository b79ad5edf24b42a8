/**
 * MurmurHash3, x86 128-bit variant, seed 0, over the UTF-16LE code units of a
 * string; hex of the 16 output bytes in the reference implementation's order.
 * A fingerprint for telling equal inputs apart, not a cryptographic hash: on
 * short strings it costs a fraction of a native sha256 call, which pays a fixed
 * price for crossing into C++ and encoding the string.
 */
export function murmurHash3x86_128Hex(text: string): string {
  const hash = new Murmur3x86_128();
  const units = new Uint16Array(text.length);
  for (let at = 0; at < text.length; at++) units[at] = text.charCodeAt(at);
  return hash.finish(units, units.length);
}

/** Numbers in a saved state: four lanes and the count of units hashed. */
export const MURMUR_STATE_SIZE = 5;

/**
 * The same hash fed in chunks, so a caller can write code units into a fixed
 * buffer and hash it whenever it fills, without ever building the whole input.
 */
export class Murmur3x86_128 {
  private h1 = 0;
  private h2 = 0;
  private h3 = 0;
  private h4 = 0;
  private units = 0;

  /** Hashes the first `count` units of `buffer`; `count` must be a multiple of 8 (one block). */
  update(buffer: Uint16Array, count: number): void {
    let { h1, h2, h3, h4 } = this;
    for (let at = 0; at < count; at += 8) {
      h1 ^= mixK1((buffer[at] as number) | ((buffer[at + 1] as number) << 16));
      h1 = (Math.imul(rotl(h1, 19) + h2, 5) + 0x561ccd1b) | 0;
      h2 ^= mixK2((buffer[at + 2] as number) | ((buffer[at + 3] as number) << 16));
      h2 = (Math.imul(rotl(h2, 17) + h3, 5) + 0x0bcaa747) | 0;
      h3 ^= mixK3((buffer[at + 4] as number) | ((buffer[at + 5] as number) << 16));
      h3 = (Math.imul(rotl(h3, 15) + h4, 5) + 0x96cd1c35) | 0;
      h4 ^= mixK4((buffer[at + 6] as number) | ((buffer[at + 7] as number) << 16));
      h4 = (Math.imul(rotl(h4, 13) + h1, 5) + 0x32ac3b17) | 0;
    }
    this.h1 = h1;
    this.h2 = h2;
    this.h3 = h3;
    this.h4 = h4;
    this.units += count;
  }

  /** Writes the state (four lanes, then the units hashed) into `into` from `at`, so that hashing can resume there later. */
  save(into: Float64Array, at: number): void {
    into[at] = this.h1;
    into[at + 1] = this.h2;
    into[at + 2] = this.h3;
    into[at + 3] = this.h4;
    into[at + 4] = this.units;
  }

  /** Goes back to a state written by `save`. */
  restore(from: Float64Array, at: number): void {
    this.h1 = (from[at] as number) | 0;
    this.h2 = (from[at + 1] as number) | 0;
    this.h3 = (from[at + 2] as number) | 0;
    this.h4 = (from[at + 3] as number) | 0;
    this.units = from[at + 4] as number;
  }

  /** Forgets everything hashed so far. */
  reset(): void {
    this.h1 = this.h2 = this.h3 = this.h4 = this.units = 0;
  }

  /** Hashes the last `count` units of input (any number) and returns the hex digest; the hasher starts over. */
  finish(buffer: Uint16Array, count: number): string {
    const blockEnd = count - (count % 8);
    this.update(buffer, blockEnd);
    let { h1, h2, h3, h4 } = this;
    // The tail: up to seven code units, i.e. up to fourteen bytes, in whole 32-bit lanes plus a half.
    if (count > blockEnd + 6) h4 ^= mixK4(tailLane(buffer, count, blockEnd + 6));
    if (count > blockEnd + 4) h3 ^= mixK3(tailLane(buffer, count, blockEnd + 4));
    if (count > blockEnd + 2) h2 ^= mixK2(tailLane(buffer, count, blockEnd + 2));
    if (count > blockEnd) h1 ^= mixK1(tailLane(buffer, count, blockEnd));

    const bytes = (this.units + count - blockEnd) * 2;
    this.reset();
    h1 ^= bytes;
    h2 ^= bytes;
    h3 ^= bytes;
    h4 ^= bytes;
    h1 = (h1 + h2 + h3 + h4) | 0;
    h2 = (h2 + h1) | 0;
    h3 = (h3 + h1) | 0;
    h4 = (h4 + h1) | 0;
    h1 = fmix(h1);
    h2 = fmix(h2);
    h3 = fmix(h3);
    h4 = fmix(h4);
    h1 = (h1 + h2 + h3 + h4) | 0;
    h2 = (h2 + h1) | 0;
    h3 = (h3 + h1) | 0;
    h4 = (h4 + h1) | 0;
    return hex128(h1, h2, h3, h4);
  }
}

/** One 32-bit lane of the tail: two code units, or the last one alone. */
function tailLane(buffer: Uint16Array, count: number, at: number): number {
  return (buffer[at] as number) | (at + 1 < count ? (buffer[at + 1] as number) << 16 : 0);
}

const C1 = 0x239b961b;
const C2 = 0xab0e9789;
const C3 = 0x38b34ae5;
const C4 = 0xa1e38b93;

const mixK1 = (k: number) => Math.imul(rotl(Math.imul(k, C1), 15), C2);
const mixK2 = (k: number) => Math.imul(rotl(Math.imul(k, C2), 16), C3);
const mixK3 = (k: number) => Math.imul(rotl(Math.imul(k, C3), 17), C4);
const mixK4 = (k: number) => Math.imul(rotl(Math.imul(k, C4), 18), C1);

function rotl(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits));
}

function fmix(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/** Char codes of the hex digits 0-f. */
const HEX_DIGITS = Array.from('0123456789abcdef', (digit) => digit.charCodeAt(0));

/** Reused for every hash: the hash is synchronous, so no two calls share it at once. */
const codes = new Array<number>(32).fill(0);

/** The 16 output bytes, each word lowest byte first, as 32 hex digits built in one `fromCharCode` call. */
function hex128(h1: number, h2: number, h3: number, h4: number): string {
  let at = 0;
  for (const word of [h1, h2, h3, h4]) {
    for (let shift = 0; shift < 32; shift += 8) {
      const byte = (word >>> shift) & 0xff;
      codes[at++] = HEX_DIGITS[byte >>> 4] as number;
      codes[at++] = HEX_DIGITS[byte & 0x0f] as number;
    }
  }
  return String.fromCharCode.apply(null, codes);
}
