// The Sightline demo: a support bot serving two teams. For now every request is
// a plain OpenTelemetry span tree; later layers (LangChain, MCP, Chroma, GPU,
// evaluation) plug into the same tags and the same .sightline/ files.
import { SpanKind, trace } from '@opentelemetry/api';
import { init } from '@sightline/core';
import { summarize } from './summary.js';

const dir = process.env.SIGHTLINE_DIR ?? '.sightline';
const obs = init({ serviceName: 'support-bot', serviceVersion: '0.1.0', defaultTags: { environment: 'dev' }, exporters: { file: dir } });
const tracer = trace.getTracer('rag-agent-demo');

const teams = ['search', 'support'] as const;
const features = ['faq', 'orders', 'returns'] as const;

async function handle(question: string): Promise<string> {
  return tracer.startActiveSpan('invoke_agent support-bot', { kind: SpanKind.INTERNAL }, async (agent) => {
    try {
      const docs = await tracer.startActiveSpan('retrieval product-docs', async (span) => {
        await new Promise((resolve) => setTimeout(resolve, 2));
        span.end();
        return ['Returns are accepted within 30 days.'];
      });
      return await tracer.startActiveSpan('chat scripted-model', { kind: SpanKind.CLIENT }, async (span) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        span.end();
        return `Answer to "${question}" using ${docs.length} document(s).`;
      });
    } finally {
      agent.end();
    }
  });
}

let requests = 0;
for (const team of teams) {
  for (const feature of features) {
    for (let i = 0; i < 3; i++) {
      await obs.withTags({ project: 'support-bot', team, feature, cost_center: `cc-${team}` }, () => handle(`${feature} question ${i}`));
      requests++;
    }
  }
}
// One request outside withTags: Sightline enriches it with defaults and "untagged".
await handle('an untagged question');
requests++;

await obs.shutdown();
process.stdout.write(summarize(dir, requests));
