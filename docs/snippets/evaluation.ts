import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { init } from '@sightline/core';
import { evaluations, llmJudge, piiDetector, refusalDetector, secretsDetector } from '@sightline/evaluation';

declare const judgeModel: BaseChatModel;            // e.g. new ChatOpenAI({ model: 'gpt-4o-mini' }) from @langchain/openai
declare function page(...details: unknown[]): void; // your pager

const obs = init({
  serviceName: 'support-bot',
  evaluation: evaluations({
    evaluators: [
      llmJudge({
        judge: judgeModel,                                        // a chat model, or (prompt) => Promise<string>
        criteria: ['groundedness', 'safety', { name: 'tone', rubric: 'Is the answer polite and concise?' }],
        sampleRate: 0.2, threshold: 0.7, timeoutMs: 20_000, concurrency: 2,
      }),
      piiDetector(), secretsDetector(), refusalDetector(),
    ],
    maxQueueSize: 1000, flushTimeoutMs: 10_000,
  }),
  onAlert: (alert) => {
    if (alert.kind === 'quality_breach') page(alert.evaluationName, alert.score, alert.traceId);
    if (alert.kind === 'drift') page(`${alert.evaluationName} dropped on ${alert.model}`);
  },
});
await obs.shutdown();

// ---- docs/evaluation.md, "Integrations"
import type { Span } from '@opentelemetry/api';
import type { Document } from '@langchain/core/documents';
import { getTags, noteRetrievedDocuments, submitForEvaluation } from '@sightline/core/instrumentation';
import type { SightlineAlert } from '@sightline/core';

declare const traceId: string;
declare const documents: Document[];
declare const span: Span;
declare const question: string, answer: string, requestModel: string, provider: string;
declare const responseModel: string | undefined, responseId: string | undefined, failed: boolean;

export function integration(): void {
noteRetrievedDocuments(traceId, documents.map((doc) => doc.pageContent)); // when a retriever run ends
submitForEvaluation({                                                         // when a model span ends
  spanContext: span.spanContext(), question, answer, model: responseModel ?? requestModel,
  provider, tags: getTags(), responseId, failed,
});
}

// ---- docs/evaluation.md, "What is recorded"
export function handleAlert(alert: SightlineAlert): void {
  switch (alert.kind) {
    case 'quality_breach': // evaluationName, score, threshold, label, model, provider, tags, traceId, spanId, responseId
      page(`${alert.evaluationName} scored ${alert.score} (< ${alert.threshold}) on ${alert.model}`, alert.traceId);
      break;
    case 'drift': // reason ('model_change' | 'baseline'), evaluationName, model, previousModel, referenceMean, currentMean, delta
      page(`${alert.evaluationName} mean fell from ${alert.referenceMean} to ${alert.currentMean} on ${alert.model}`);
      break;
    case 'budget': // budget, match, window, threshold, limitUsd, spentUsd, windowStart, windowEnd, message (see cost.md)
    case 'untagged_spike': // share, untaggedSpans, windowSpans, threshold, windowStart, windowEnd, message (see concepts.md)
      page(alert.message);
      break;
    default: // kinds added later
      break;
  }
}
