import type { BaseMessage } from '@langchain/core/messages';
import type { LLMResult } from '@langchain/core/outputs';
import {
  isEvaluationEnabled,
  isInsideEvaluation,
  noteRetrievedDocuments,
  submitForEvaluation,
  TAGS_CONTEXT_KEY,
  type TagValue,
} from '@sightline/core/instrumentation';
import { roleOf, textOf } from './content.js';
import type { RunEntry } from './run-entry.js';
import type { ModelResponse } from './usage/model-response.js';

type RunTags = Readonly<Record<string, TagValue>> | undefined;

/** Whether this run's content should be held for the evaluators: never for a judge's own calls. */
function evaluates(entry: RunEntry): boolean {
  return isEvaluationEnabled() && !isInsideEvaluation(entry.context);
}

/**
 * Keeps the run's question (the last user message, else the last prompt) in
 * memory for the evaluators, only while evaluators are configured.
 */
export function holdQuestion(entry: RunEntry, prompt: readonly BaseMessage[] | readonly string[]): void {
  if (entry.model === undefined || !evaluates(entry)) return;
  const question = prompt.findLast((item) => typeof item === 'string' || roleOf(item) === 'human') ?? prompt.at(-1);
  entry.model.question = question === undefined ? '' : typeof question === 'string' ? question : textOf(question);
}

/** Hands the finished model call to the evaluators: its span, question, answer, model and tags. */
export function submitModelRun(entry: RunEntry, output: LLMResult | undefined, response: ModelResponse | undefined): void {
  const model = entry.model;
  if (entry.span === undefined || model?.question === undefined || !evaluates(entry)) return;
  const answer = output === undefined ? '' : answerOf(output);
  // A step that only calls tools has no answer to judge; its tools' results reach the step that answers.
  if (answer === '' && output !== undefined) return;
  submitForEvaluation({
    spanContext: entry.span.spanContext(),
    question: model.question,
    answer,
    model: response?.responseModel ?? model.requestModel ?? 'unknown',
    provider: model.providerName,
    tags: entry.context.getValue(TAGS_CONTEXT_KEY) as RunTags,
    responseId: response?.responseId,
    failed: output === undefined,
  });
}

/** Remembers what a retriever returned, for groundedness checks of later model calls in the trace. */
export function noteRetrieval(entry: RunEntry | undefined, documents: unknown): void {
  if (entry?.span === undefined || !Array.isArray(documents) || !evaluates(entry)) return;
  const texts = documents.map((document: { pageContent?: unknown }) => document?.pageContent).filter((text) => typeof text === 'string');
  noteRetrievedDocuments(entry.span.spanContext().traceId, texts);
}

function answerOf(output: LLMResult): string {
  const first = output.generations?.[0]?.[0] as { text?: string; message?: BaseMessage } | undefined;
  if (first?.message !== undefined) return textOf(first.message);
  return first?.text ?? '';
}
