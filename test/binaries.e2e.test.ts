import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { findBinary } from './support/binaries.js';

// The e2e tier's own plumbing: the Debian packages it depends on are present and runnable.
const prometheus = findBinary('prometheus');
const promtool = findBinary('promtool');
const chromium = findBinary('chromium');

describe.skipIf(!prometheus || !promtool)('prometheus', () => {
  it('runs and reports a 2.x version with exemplar storage support', () => {
    const version = execFileSync(prometheus!, ['--version'], { encoding: 'utf8' });
    expect(version).toMatch(/prometheus, version 2\.\d+/);
    const help = execFileSync(prometheus!, ['--help'], { encoding: 'utf8' });
    expect(help).toContain('exemplar-storage');
  });
});

describe.skipIf(!chromium)('chromium', () => {
  it('runs headless', () => {
    const version = execFileSync(chromium!, ['--headless', '--no-sandbox', '--version'], { encoding: 'utf8' });
    expect(version).toMatch(/Chromium \d+/);
  });
});
