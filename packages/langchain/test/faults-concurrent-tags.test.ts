import { AIMessage } from '@langchain/core/messages';
import { fakeModel } from '@langchain/core/testing';
import { semconv } from '@sightline/core';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { SightlineCallbackHandler } from '../src/index.js';
import { useAgentTelemetry } from './helpers.js';

// 1,000 concurrent tagged requests through one shared handler: no tag bleed on spans or on metrics
// (issue 19, fault coverage). core's isolation.test.ts covers plain spans across every async boundary;
// agent-tree.test.ts covers 50 agent runs. Half the requests tag through withTags, half through run metadata.

const REQUESTS = 1000;
const TEAMS = ['search', 'billing', 'support', 'growth'];
const FEATURES = 50;
const tagsOf = (index: number) => ({ team: TEAMS[index % TEAMS.length] as string, feature: `f-${index % FEATURES}` });

const telemetry = useAgentTelemetry();

it('keeps 1,000 concurrent model calls apart: each gets its own answer, its span its own tags, each metric series its own count', async () => {
  const { obs } = telemetry();
  const handler = new SightlineCallbackHandler();
  const request = async (index: number) => {
    await sleep(index % 7);
    const usage_metadata = { input_tokens: 10, output_tokens: 5, total_tokens: 15 };
    const model = fakeModel().respond(new AIMessage({ id: `resp-${index}`, content: `answer ${index}`, usage_metadata }));
    const tags = tagsOf(index);
    const message =
      index % 2 === 0
        ? await obs.withTags(tags as never, () => model.invoke(`question ${index}`, { callbacks: [handler] }))
        : await model.invoke(`question ${index}`, { callbacks: [handler], metadata: tags });
    return message.content;
  };
  const answers = await Promise.all(Array.from({ length: REQUESTS }, (_, index) => request(index)));

  expect(answers).toEqual(Array.from({ length: REQUESTS }, (_, index) => `answer ${index}`));
  expect(handler.openRuns).toBe(0);
  const spans = telemetry().spans();
  expect(spans).toHaveLength(REQUESTS);
  const bled = spans.filter((span) => {
    const id = String(span.attributes[semconv.ATTR_GEN_AI_RESPONSE_ID]);
    const expected = id.startsWith('resp-') ? tagsOf(Number(id.slice('resp-'.length))) : undefined;
    return expected === undefined || span.attributes.team !== expected.team || span.attributes.feature !== expected.feature;
  });
  expect(bled).toEqual([]);

  // Each (team, feature) pair is requested REQUESTS / lcm(4, 50) = 10 times; a bleed moves a count.
  const perSeries = REQUESTS / 100;
  const durations = await telemetry().points(semconv.METRIC_GEN_AI_CLIENT_OPERATION_DURATION);
  expect(durations).toHaveLength(100);
  for (const point of durations) {
    const { team, feature } = point.attributes as Record<string, string>;
    const index = Number(feature?.slice(2));
    expect(TEAMS.indexOf(team ?? '') % 2).toBe(index % 2); // only even features pair with even teams
    expect(point.value).toMatchObject({ count: perSeries });
  }
});
