import { trace, type Span } from '@opentelemetry/api';
import { registerParentResolver, traced } from '@sightline/core';

// An integration that tracks runs outside the OTel context tells core which span is current.
const runs = new Map<string, Span>();
let currentRunId: string | undefined;
const unregister = registerParentResolver((active) => {
  const span = currentRunId === undefined ? undefined : runs.get(currentRunId);
  return span ? trace.setSpan(active, span) : undefined;
});

// Everything started through core's resolution (traced(), and the mcp/vector packages) nests under that run.
await traced({ scope: 'my-integration', name: 'lookup' }, async () => 'result');
unregister();
