import { describe, expect, it } from 'vitest';
import { parseDemoArgs } from '../src/args.js';

describe("the demo's command line", () => {
  it('binds the Prometheus endpoint to $SIGHTLINE_PROMETHEUS_HOST, and to loopback without it', () => {
    expect(parseDemoArgs(['--prometheus', '9464'], {})).toEqual({
      otlpUrl: undefined,
      prometheusPort: 9464,
      prometheusHost: undefined,
      dir: undefined,
      htmlPath: undefined,
    });
    expect(parseDemoArgs(['--prometheus', '9464'], { SIGHTLINE_PROMETHEUS_HOST: '0.0.0.0' })).toMatchObject({
      prometheusPort: 9464,
      prometheusHost: '0.0.0.0',
    });
    expect(parseDemoArgs([], { SIGHTLINE_PROMETHEUS_HOST: '' }).prometheusHost).toBeUndefined();
  });

  it('refuses a host that is not a name or an address, and a port that is not a number, with the usage', () => {
    expect(() => parseDemoArgs([], { SIGHTLINE_PROMETHEUS_HOST: 'evil host/x' })).toThrow(
      /SIGHTLINE_PROMETHEUS_HOST needs a host name or address[\s\S]*usage:/,
    );
    expect(() => parseDemoArgs(['--prometheus', 'abc'], {})).toThrow(/--prometheus needs a port number[\s\S]*usage:/);
  });
});
