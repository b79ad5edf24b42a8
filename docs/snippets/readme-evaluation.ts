import { init } from '@sightline/core';
import { evaluations, llmJudge, piiDetector } from '@sightline/evaluation';

declare function callMyModel(prompt: string): Promise<string>; // your judge model

const obs = init({
  serviceName: 'support-bot',
  evaluation: evaluations({
    evaluators: [llmJudge({ judge: callMyModel, criteria: ['relevance', 'safety'], sampleRate: 0.2, threshold: 0.7 }), piiDetector()],
    maxQueueSize: 1000,
  }),
  onAlert: (alert) => console.warn(alert.kind),
});
await obs.shutdown(); // waits for queued evaluations first
