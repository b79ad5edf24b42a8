import { describe, expect, it } from 'vitest';
import { createProgress } from '../src/cli/progress.js';

const MIB = 1024 * 1024;

describe('progress on large inputs', () => {
  it('draws one self-overwriting line on a TTY, throttled, and clears it at the end', () => {
    const written: string[] = [];
    let clock = 0;
    const progress = createProgress({ write: (text: string) => written.push(text), isTTY: true }, 'sightline: reading', () => clock)!;
    progress.update(10 * MIB, 100 * MIB);
    clock += 50;
    progress.update(20 * MIB, 100 * MIB); // within 200 ms: not drawn
    clock += 200;
    progress.update(55 * MIB, 100 * MIB);
    progress.update(100 * MIB, 100 * MIB); // the last update is always drawn
    progress.done();
    expect(written).toEqual([
      '\rsightline: reading 10.0 / 100.0 MiB (10%)\u001b[K',
      '\rsightline: reading 55.0 / 100.0 MiB (55%)\u001b[K',
      '\rsightline: reading 100.0 / 100.0 MiB (100%)\u001b[K',
      '\r\u001b[K',
    ]);
  });

  it('stays silent when stderr is not a terminal, and on small inputs', () => {
    expect(createProgress({ write: () => undefined, isTTY: false }, 'x')).toBeUndefined();
    const written: string[] = [];
    const progress = createProgress({ write: (text: string) => written.push(text), isTTY: true }, 'x')!;
    progress.update(MIB, 2 * MIB);
    progress.done();
    expect(written).toEqual([]);
  });
});
