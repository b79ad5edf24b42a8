import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import { semconv } from '@sightline/core';
import { describe, expect, it } from 'vitest';
import { connectOverPipes } from './support/pipe-pair.js';
import { useInMemorySession } from './support/in-memory-session.js';
import { NO_TAGS } from './support/span-attributes.js';

const SESSION_METRICS = [semconv.METRIC_MCP_CLIENT_SESSION_DURATION, semconv.METRIC_MCP_SERVER_SESSION_DURATION];

describe('MCP session duration', () => {
  const session = useInMemorySession();

  it('records one session per connection on each side, from initialize to close, labelled by protocol version', async () => {
    const telemetry = session.telemetry();
    const pair = await session.connect({ instrument: true });
    for (const name of SESSION_METRICS) expect(await telemetry.points(name)).toEqual([]); // still open
    await new Promise((resolve) => setTimeout(resolve, 30));
    await pair.close();
    for (const name of SESSION_METRICS) {
      const points = await telemetry.points(name);
      expect(points.map((point) => point.attributes)).toEqual([
        { [semconv.ATTR_MCP_PROTOCOL_VERSION]: LATEST_PROTOCOL_VERSION, ...NO_TAGS },
      ]);
      const { count, sum } = points[0]!.value as { count: number; sum: number };
      expect(count).toBe(1);
      expect(sum).toBeGreaterThanOrEqual(0.02);
    }
  });

  it('ends a stdio server session when its input ends (the SDK never closes it), labelled network.transport=pipe', async () => {
    const telemetry = session.telemetry();
    const pair = await connectOverPipes(true);
    await pair.close();
    const served = async () => (await telemetry.points(semconv.METRIC_MCP_SERVER_SESSION_DURATION)).map((point) => point.attributes);
    await expect.poll(served).toEqual([
      {
        [semconv.ATTR_MCP_PROTOCOL_VERSION]: LATEST_PROTOCOL_VERSION,
        [semconv.ATTR_NETWORK_TRANSPORT]: semconv.NETWORK_TRANSPORT_PIPE,
        ...NO_TAGS,
      },
    ]);
  });
});
