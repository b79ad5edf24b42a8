import { diag, DiagLogLevel, type DiagLogger } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../src/internal/logger.js';
import { MAX_PENDING_WARNINGS } from '../src/internal/pending-warnings.js';
import { init } from '../src/index.js';

let warnings: string[];
const installLogger = () => {
  const capture = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
  const logger: DiagLogger = { error: capture, warn: capture, info: () => {}, debug: () => {}, verbose: () => {} };
  diag.setLogger(logger, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
};
let run = 0;
const cause = (name: string) => `${name}-${run}`;

beforeEach(() => {
  warnings = [];
  run++;
  diag.disable();
});
afterEach(() => diag.disable());

describe('warnings raised before a diag logger is installed', () => {
  it('are held and emitted once when the app installs its logger, however it is noticed', async () => {
    const log = createLogger('early');
    log.warnOnce(cause('a'), 'the first problem');
    log.warnOnce(cause('a'), 'the first problem');
    installLogger();
    expect(warnings).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(warnings).toEqual(['sightline/early the first problem (raised before a diag logger was installed)']);
    log.warnOnce(cause('b'), 'a later problem');
    expect(warnings).toHaveLength(2);
  });

  it('are emitted by init() at once, before its own', async () => {
    createLogger('early').warnOnce(cause('c'), 'raised at import time');
    installLogger();
    const obs = init({ exporters: { file: false } });
    expect(warnings).toEqual(['sightline/early raised at import time (raised before a diag logger was installed)']);
    await obs.shutdown();
  });

  it(`keep the first ${MAX_PENDING_WARNINGS} and count the rest`, () => {
    const log = createLogger('early');
    for (let index = 0; index < MAX_PENDING_WARNINGS + 5; index++) log.warnOnce(cause(`many-${index}`), `problem ${index}`);
    installLogger();
    log.debug('anything that logs notices the logger');
    expect(warnings).toHaveLength(MAX_PENDING_WARNINGS + 1);
    expect(warnings[0]).toContain('problem 0');
    expect(warnings.at(-1)).toBe(
      'sightline/logger 5 more Sightline warnings were raised before a diag logger was installed; install one before init() to see them all',
    );
  });
});
