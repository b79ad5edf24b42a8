import { describe, expect, it } from 'vitest';
import { boundedJson } from '../src/content/bounded-json.js';

const messages = (...texts: string[]) =>
  texts.map((content, index) => ({
    role: index % 2 === 0 ? 'user' : 'assistant',
    parts: [{ type: 'text', content }],
  }));

describe('boundedJson', () => {
  it('keeps a value that fits exactly as JSON.stringify writes it', () => {
    const value = messages('hello', 'hi');
    expect(boundedJson(value, 1000)).toEqual({ json: JSON.stringify(value), truncated: false });
  });

  it('cuts the long texts, not the JSON, so a long prompt stays valid JSON within the bound', () => {
    const value = messages('short question', 'x'.repeat(40_000), 'y'.repeat(30_000));
    const { json, truncated } = boundedJson(value, 16_384) ?? { json: '', truncated: false };
    expect(truncated).toBe(true);
    expect(json.length).toBeLessThanOrEqual(16_384);
    expect(json.length).toBeGreaterThan(16_000);
    const parsed = JSON.parse(json) as ReturnType<typeof messages>;
    expect(parsed.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    expect(parsed[0]?.parts[0]?.content).toBe('short question');
    expect(parsed[1]?.parts[0]?.content).toMatch(/^x+…$/);
    expect(parsed[2]?.parts[0]?.content).toMatch(/^y+…$/);
  });

  it('counts escapes and never splits a surrogate pair', () => {
    const value = messages('"\\\n'.repeat(5_000), '😀'.repeat(5_000));
    const { json } = boundedJson(value, 2_000) ?? { json: '' };
    expect(json.length).toBeLessThanOrEqual(2_000);
    const parsed = JSON.parse(json) as ReturnType<typeof messages>;
    expect(parsed[1]?.parts[0]?.content).toMatch(/^(😀)+…$/u);
  });

  it('drops trailing messages when even empty texts would not fit', () => {
    const value = messages(...Array.from({ length: 500 }, (_, index) => `message ${index}`));
    const { json, truncated } = boundedJson(value, 1_000) ?? { json: '', truncated: false };
    expect(truncated).toBe(true);
    expect(json.length).toBeLessThanOrEqual(1_000);
    const parsed = JSON.parse(json) as unknown[];
    expect(parsed.length).toBeGreaterThan(5);
    expect(parsed.length).toBeLessThan(500);
  });

  it('answers undefined for what JSON cannot hold', () => {
    expect(boundedJson(undefined, 100)).toBeUndefined();
  });
});
