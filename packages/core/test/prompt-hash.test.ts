import { chatPromptHash, promptHash, type PromptMessage } from '@sightline/core';
import { describe, expect, it } from 'vitest';

const messages = [
  { role: 'system', content: 'You answer questions about invoices.' },
  { role: 'user', content: 'Where is my invoice?' },
];

describe('promptHash', () => {
  it('is a 128-bit hex fingerprint that is stable across releases (golden value)', () => {
    const hash = promptHash({ model: 'gpt-4o', prompt: messages, parameters: { temperature: 0 } });
    expect(hash).toMatch(/^[0-9a-f]{32}$/);
    expect(hash).toBe(promptHash({ model: 'gpt-4o', prompt: messages, parameters: { temperature: 0 } }));
    // MurmurHash3 x86-128 (UTF-16LE) of the canonical JSON ['v2', model, messages with sorted keys, parameters],
    // as Python's mmh3 computes it: mmh3.hash_bytes(canonical.encode('utf-16-le'), 0, False).hex()
    expect(hash).toBe('26ea7d020cd0acdfa077726f92e53020');
  });

  it('ignores whitespace runs, key order, model case, null fields and transport-only parameters', () => {
    const base = promptHash({ model: 'gpt-4o', prompt: messages, parameters: { temperature: 0, max_tokens: 100 } });
    const variant = promptHash({
      model: '  GPT-4o ',
      prompt: [
        { content: 'You  answer questions\nabout invoices. ', role: 'system', name: null },
        { role: 'user', content: '\tWhere is my invoice?\n' },
      ],
      parameters: { max_tokens: 100, temperature: 0, stream: true, timeout: 30_000, signal: undefined, top_p: undefined },
    });
    expect(variant).toBe(base);
  });

  it('normalizes Unicode to NFC, and collapses whitespace in a prompt of nearly 64 KiB', () => {
    const composed = promptHash({ model: 'm', prompt: 'caf\u00e9 cr\u00e8me' });
    expect(promptHash({ model: 'm', prompt: 'cafe\u0301  cre\u0300me' })).toBe(composed);
    const large = `${'word '.repeat(13_000)}\tend`;
    expect(promptHash({ model: 'm', prompt: large })).toBe(promptHash({ model: 'm', prompt: `${'word '.repeat(13_000)}end` }));
  });

  it('changes with the prompt, the model, a parameter or the message roles', () => {
    const base = promptHash({ model: 'gpt-4o', prompt: messages, parameters: { temperature: 0 } });
    const others = [
      promptHash({ model: 'gpt-4o-mini', prompt: messages, parameters: { temperature: 0 } }),
      promptHash({ model: 'gpt-4o', prompt: messages, parameters: { temperature: 0.7 } }),
      promptHash({ model: 'gpt-4o', prompt: messages.slice(1), parameters: { temperature: 0 } }),
      promptHash({
        model: 'gpt-4o',
        prompt: [messages[0], { role: 'assistant', content: 'Where is my invoice?' }],
        parameters: { temperature: 0 },
      }),
      promptHash({ model: 'gpt-4o', prompt: 'Where is my invoice?', parameters: { temperature: 0 } }),
    ];
    expect(new Set([base, ...others]).size).toBe(6);
  });

  it('hashes structured (multimodal) content and survives cycles and odd values without throwing', () => {
    const cyclic: Record<string, unknown> = { role: 'user' };
    cyclic.self = cyclic;
    expect(promptHash({ model: 'm', prompt: [cyclic] })).toMatch(/^[0-9a-f]{32}$/);
    const parts = [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'describe' },
          { type: 'image_url', image_url: { url: 'data:…' } },
        ],
      },
    ];
    expect(promptHash({ model: 'm', prompt: parts })).not.toBe(promptHash({ model: 'm', prompt: [{ role: 'user', content: 'describe' }] }));
    expect(promptHash({ model: undefined, prompt: { n: 10n, f: () => 1, x: Number.NaN } })).toMatch(/^[0-9a-f]{32}$/);
    const hostile = {
      get content(): string {
        throw new Error('getter throws');
      },
    };
    expect(promptHash({ model: 'm', prompt: [hostile] })).toBeUndefined();
  });

  it('gives chat messages, through chatPromptHash, the fingerprint promptHash gives them', () => {
    const selfReferring: { role: string; content: unknown } = { role: 'user', content: undefined };
    selfReferring.content = [{ type: 'text', text: 'hi', parent: selfReferring }];
    const conversations = [
      messages,
      [{ role: 'user', content: '  Where   is\nmy "invoice"?\t' }],
      [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'describe' },
            { type: 'image_url', image_url: { url: 'data:…', detail: null } },
          ],
        },
      ],
      [
        { role: 'assistant', content: null },
        { role: 'tool', content: 'caf\u0065\u0301' },
      ],
      [],
      // Odd input from untyped callers: roles that are not strings, content that points back to its message.
      [
        { role: undefined as unknown as string, content: 'a' },
        { role: null as unknown as string, content: 'b' },
        { role: 1 as unknown as string, content: 'c' },
      ],
      [selfReferring],
    ];
    for (const conversation of conversations) {
      for (const parameters of [undefined, { temperature: 0.2, stream: true, tools: [{ name: 'lookup' }] }]) {
        expect(chatPromptHash('GPT-4o', conversation, parameters)).toBe(promptHash({ model: 'GPT-4o', prompt: conversation, parameters }));
      }
    }
  });
});

describe('long texts', () => {
  const long = (fill: string, length = 10 * 1024 * 1024) => fill.repeat(Math.ceil(length / fill.length)).slice(0, length);

  it('are fingerprinted from their length and a bounded sample, the same way for strings and messages', () => {
    const text = long('lorem ipsum dolor sit amet ');
    const hash = promptHash({ model: 'gpt-4o', prompt: text });
    expect(hash).toBe(promptHash({ model: 'gpt-4o', prompt: `${text}` }));
    expect(chatPromptHash('gpt-4o', [{ role: 'user', content: text }])).toBe(
      promptHash({ model: 'gpt-4o', prompt: [{ role: 'user', content: text }] }),
    );
    // A different length, or a change inside a sampled window (the first and the last are sampled), is a different prompt.
    expect(promptHash({ model: 'gpt-4o', prompt: `${text}x` })).not.toBe(hash);
    expect(promptHash({ model: 'gpt-4o', prompt: `X${text.slice(1)}` })).not.toBe(hash);
    expect(promptHash({ model: 'gpt-4o', prompt: `${text.slice(0, -1)}X` })).not.toBe(hash);
  });

  // Past 64 KiB the raw length is part of the fingerprint, so whitespace is no longer collapsed there.
  it('keep the exact normalization up to 64 KiB', () => {
    const text = long('a b ', 30_000);
    expect(promptHash({ model: 'm', prompt: text })).toBe(promptHash({ model: 'm', prompt: text.replaceAll(' ', '  ') }));
  });
});

describe('the fingerprint written in chunks', () => {
  // The definition, written the slow and obvious way: the hash of the canonical JSON string.
  const normal = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();
  function canonical(value: unknown): string | undefined {
    if (typeof value === 'string') return JSON.stringify(normal(value));
    if (typeof value === 'number') return JSON.stringify(Number.isFinite(value) ? value : String(value));
    if (typeof value === 'boolean' || value === null) return JSON.stringify(value);
    if (typeof value !== 'object') return undefined;
    if (Array.isArray(value)) return `[${value.map((item) => canonical(item) ?? 'null').join(',')}]`;
    const fields = Object.keys(value)
      .sort()
      .flatMap((key) => {
        const item = canonical((value as Record<string, unknown>)[key]);
        return item === undefined ? [] : [`${JSON.stringify(key)}:${item}`];
      });
    return `{${fields.join(',')}}`;
  }
  const pieces = [
    'a',
    ' ',
    '\n',
    '\t',
    '  ',
    '"',
    '\\',
    '\u0001',
    '\b',
    '\u007f',
    'é',
    'e\u0301',
    '\u00a0',
    '\r\n',
    '\u000b',
    '\u001f',
    'Z',
    '\u{1F600}',
    '\ud800',
    '\u0000',
    '\f',
  ];
  let seed = 7;
  const random = () => (seed = (Math.imul(seed, 48271) % 0x7fffffff) >>> 0) / 0x7fffffff;
  const text = (length: number) => Array.from({ length }, () => pieces[Math.floor(random() * pieces.length)]).join('');

  it('equals the hash of the whole canonical JSON, for control characters, quotes, surrogates, NFC and texts longer than its buffer', async () => {
    const { murmurHash3x86_128Hex } = await import('../src/internal/murmurhash3.js');
    const texts = [...Array.from({ length: 300 }, (_, index) => text(index % 17)), 'x'.repeat(4095), `${'ab '.repeat(3000)}\n`, text(9000)];
    for (const content of texts) {
      const prompt = [
        { role: 'user', content },
        { role: 'tool', content: [{ type: 'text', text: content }, 3, true, null] },
      ];
      const parameters = { temperature: 0.5, stop: [content] };
      const expected = murmurHash3x86_128Hex(`["v2","gpt-4o",${canonical(prompt)},${canonical(parameters)}]`);
      expect({ content, hash: promptHash({ model: 'GPT-4o', prompt, parameters }) }).toEqual({ content, hash: expected });
      expect({ content, hash: chatPromptHash('GPT-4o', prompt, parameters) }).toEqual({ content, hash: expected });
    }
  });

  it('sorts keys in code-unit order, for objects of a few keys and of many', async () => {
    const { murmurHash3x86_128Hex } = await import('../src/internal/murmurhash3.js');
    for (const count of [0, 1, 2, 5, 16, 17, 40]) {
      const keys = Array.from({ length: count }, (_, index) => `${text(3) || 'k'}${index}`);
      const parameters = Object.fromEntries(keys.reverse().map((key, index) => [key, index]));
      const expected = murmurHash3x86_128Hex(`["v2","m","p",${canonical(parameters)}]`);
      expect({ count, hash: promptHash({ model: 'm', prompt: 'p', parameters }) }).toEqual({ count, hash: expected });
    }
  });

  it('equals it for parameters that repeat, change a value, gain a key, reorder, change inside or are too long to remember', async () => {
    const { murmurHash3x86_128Hex } = await import('../src/internal/murmurhash3.js');
    const tools = [{ name: 'lookup' }];
    const abort = new AbortController();
    const sequence: Array<Record<string, unknown> | undefined> = [
      { model: 'gpt-4o', temperature: 0, max_tokens: 256 },
      { model: 'gpt-4o', temperature: 0, max_tokens: 256 },
      { model: 'gpt-4o', temperature: 0.5, max_tokens: 256 },
      { model: 'gpt-4o', temperature: 0.5, max_tokens: 256, stop: undefined },
      { model: 'gpt-4o', temperature: 0.5, max_tokens: 256, stop: undefined, top_p: Number.NaN },
      { model: 'gpt-4o', temperature: 0.5, max_tokens: 256, stop: undefined, top_p: Number.NaN },
      { temperature: 0.5, model: 'gpt-4o', max_tokens: 256 },
      { temperature: 0.5, model: 'gpt-4o', max_tokens: 256, signal: abort.signal, stream: true },
      { temperature: 0.5, model: 'gpt-4o', max_tokens: 256, stream: false },
      { temperature: 0.5, model: 'gpt-4o' },
      { tools },
      { tools },
      undefined,
      {},
      { long: 'x'.repeat(5000) },
      { long: 'x'.repeat(5000) },
      { long: 'y'.repeat(5000) },
    ];
    const hashes = sequence.map((parameters, step) => {
      if (step === 11) tools[0] = { name: 'search' }; // changed in place between two calls
      // The transport parameters in the sequence, which the fingerprint leaves out.
      const answering = Object.entries(parameters ?? {}).filter(([key]) => key !== 'signal' && key !== 'stream');
      const expected = murmurHash3x86_128Hex(`["v2","m","p",${canonical(Object.fromEntries(answering))}]`);
      const hash = promptHash({ model: 'm', prompt: 'p', parameters });
      expect({ step, hash }).toEqual({ step, hash: expected });
      return hash;
    });
    expect(new Set(hashes).size).toBe(9);
  });
});

describe('chat fingerprints that repeat the last call’s leading messages', () => {
  const copy = (text: string) => text.split('').join(''); // an equal string that is not the same one
  const system = { role: 'system', content: 'You are a helpful agent.\nContext:\nParis is in France.' };
  const question = { role: 'user', content: 'What is the weather in Paris?' };
  const call = { role: 'assistant', content: 'get_weather(Paris)' };
  const result = { role: 'tool', content: 'It is 21C and sunny.' };
  const expectAsPromptHash = (model: string, prompt: PromptMessage[], parameters?: Record<string, unknown>) => {
    const hash = chatPromptHash(model, prompt, parameters);
    expect(hash).toBe(promptHash({ model, prompt, parameters }));
    return hash;
  };

  it('equal promptHash as an agent loop grows, shrinks and changes its history', () => {
    const sequence: Array<[string, PromptMessage[]]> = [
      ['gpt-4o', [system, question]],
      ['gpt-4o', [system, question, call, result]],
      ['gpt-4o', [system, question, call, result, { role: 'assistant', content: 'Sunny, 21C.' }, question]],
      // Equal values that are other strings, then a history cut short, then one changed in the middle.
      [
        'gpt-4o',
        [
          { role: 'system', content: copy(system.content) },
          { role: copy('user'), content: copy(question.content) },
        ],
      ],
      ['gpt-4o', [system]],
      ['gpt-4o', [system, { role: 'user', content: 'What is the weather in Lyon?' }, call, result]],
      ['gpt-4o', [system, question, call, result]],
      // Another model, another role, content that is not text, no content.
      ['gpt-4o-mini', [system, question, call, result]],
      ['gpt-4o-mini', [system, { role: 'assistant', content: question.content }, call]],
      ['gpt-4o-mini', [system, { role: 'user', content: [{ type: 'text', text: question.content }] }, call, result]],
      ['gpt-4o-mini', [system, { role: 'user', content: [{ type: 'text', text: question.content }] }, call, result]],
      ['gpt-4o-mini', [system, { role: 'assistant', content: null }, result]],
      ['gpt-4o-mini', [system, { role: 'assistant', content: null }, result]],
      ['gpt-4o-mini', []],
      ['gpt-4o-mini', [system]],
    ];
    const hashes = sequence.map(([model, prompt]) => expectAsPromptHash(model, prompt, { temperature: 0 }));
    expect(hashes[3]).toBe(hashes[0]);
    expect(hashes[6]).toBe(hashes[1]);
    expect(new Set(hashes).size).toBe(hashes.length - 4);
  });

  it('see a message edited in place as a new one', () => {
    const edited = { role: 'user', content: 'first' };
    const before = expectAsPromptHash('gpt-4o', [system, edited, result]);
    edited.content = 'second';
    expect(expectAsPromptHash('gpt-4o', [system, edited, result])).not.toBe(before);
    edited.role = 'assistant';
    expectAsPromptHash('gpt-4o', [system, edited, result]);
  });

  it('equal promptHash past the remembered bounds: long texts, long histories, and after a failure', () => {
    const long = 'lorem ipsum '.repeat(6000); // past 64 KiB: sampled, and never remembered
    const history = Array.from({ length: 300 }, (_, index) => ({
      role: index % 2 ? 'assistant' : 'user',
      content: `turn ${index} ${'x'.repeat(index * 10)}`,
    }));
    const prompts = [
      [system, { role: 'user', content: long }, question],
      [system, { role: 'user', content: long }, question],
      history.slice(0, 150),
      history,
      history,
      [...history.slice(0, 140), question],
    ];
    for (const prompt of prompts) expectAsPromptHash('gpt-4o', prompt);
    const hostile = {
      role: 'user',
      get content(): string {
        throw new Error('getter throws');
      },
    };
    expectAsPromptHash('gpt-4o', [system, question]);
    expect(chatPromptHash('gpt-4o', [system, question, hostile])).toBeUndefined();
    expectAsPromptHash('gpt-4o', [system, question, call]);
  });
});
