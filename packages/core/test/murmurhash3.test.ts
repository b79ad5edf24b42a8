import { describe, expect, it } from 'vitest';
import { murmurHash3x86_128Hex } from '../src/internal/murmurhash3.js';

describe('murmurHash3x86_128Hex', () => {
  // Reference values: Python's mmh3 (the C reference implementation), mmh3.hash_bytes(text.encode('utf-16-le'), 0, False).hex()
  it.each([
    ['', '00000000000000000000000000000000'],
    ['a', '96b13b03e14fefcce14fefcce14fefcc'],
    ['hello', '89498e49481b086c743fcf024129f72c'],
    ['The quick brown fox jumps over the lazy dog', '86b6be15caf6940f4d89d4fe5b6dbe28'],
    ['caf\u00e9 \u{1F600}', 'a574724315730101ac9ce9938ca9f286'],
    // Every tail length (0 to 7 code units after the 8-unit blocks), and a code unit above 0x7f.
    ['ab', '53b90f26fdb622affdb622affdb622af'],
    ['abc', 'a3975b2bb55ff720b4c21250b4c21250'],
    ['abcd', 'c782ef95a29aece40db08c0a0db08c0a'],
    ['abcde', 'de05364b05a2d46c75d17e9ab258f10a'],
    ['abcdef', 'e0a16a60047af88679000a6daceaac98'],
    ['abcdefg', '5ede1f85ab9a1af8321f352aa78c8efa'],
    ['abcdefgh', '5576356ca198f88d0d236da714711442'],
    ['abcdefghi', '32d7a31786e4ee37e19ed304dc6d7fee'],
    ['abcdefghij', '78f8ab53b32b83bb90c9c9d186ff7f9d'],
    ['abcdefghijk', 'f20cab1414d893e112730d178daf840a'],
    ['abcdefghijkl', '162ac3c5024a411a2756159ef2925282'],
    ['abcdefghijklm', '7a50310b0e525ac2f78275df3106363a'],
    ['abcdefghijklmn', '616992a3c3083b455f61aac9fdfe3d2e'],
    ['abcdefghijklmno', '53382a6d1251127f15318b6d83d798bc'],
    ['abcdefghijklmnop', '55e632a118b4e3232e84218b82d914f1'],
    ['abcdefghijklmnop\u00ff', 'f99b28546d58197938612fb79cf01816'],
    ['abcdefghijklmnop\u00ffq', '80387eec7ac638b25b939920a8b228e6'],
  ])('hashes %j as the reference implementation does', (text, expected) => {
    expect(murmurHash3x86_128Hex(text)).toBe(expected);
  });
});
