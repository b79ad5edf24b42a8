import { semconv } from '@sightline/core';
import { writeKnownSpend } from './known-spend.js';
import { T0, type Generator } from './telemetry-generator.js';

/** Known spend, plus self-hosted GPU model calls and a vector query: every chart of the HTML report has data. */
export async function writeFullWorkload(generator: Generator): Promise<void> {
  await writeKnownSpend(generator);
  for (let i = 0; i < 6; i++) {
    const root = generator.spanTree(
      {
        name: 'invoke_agent support',
        startMs: T0 + i * 600_000,
        durationMs: 900,
        attributes: { [semconv.ATTR_GEN_AI_OPERATION_NAME]: 'invoke_agent' },
        children: [
          {
            name: 'query docs',
            startMs: T0 + i * 600_000 + 10,
            durationMs: 300 + i * 50,
            attributes: { [semconv.ATTR_DB_SYSTEM_NAME]: 'chroma' },
          },
        ],
      },
      { team: 'support', feature: 'answers' },
    );
    generator.modelCall(
      {
        tags: { team: 'support', feature: 'answers' },
        model: 'llama3.1:8b',
        inputTokens: 800,
        outputTokens: 150,
        costUsd: 0.001953125,
        startMs: T0 + i * 600_000 + 400,
        durationMs: 300 + i * 80,
        gpu: { id: 'GPU-0', utilizationStart: 0.2 + i * 0.1, utilizationEnd: 0.4 + i * 0.1 },
      },
      root,
    );
    generator.evaluation(root, 'relevance', 0.5 + i * 0.08, T0 + i * 600_000 + 2000, { team: 'support' });
  }
}
