import { asObject, nonEmptyString, usageFromProviderShape, type Loose, type ModelCallResult } from '@sightline/core/instrumentation';
import type { OpenAIEndpoint } from './request.js';
import { textOf } from './request.js';

/** A finished call as Sightline reads it: the model-call result and, for evaluators, the answer's text. */
export interface ReadResult {
  result: ModelCallResult;
  answer: string;
}

/** Reads a parsed, non-streamed response body of `endpoint`. */
export function readResult(endpoint: OpenAIEndpoint, data: unknown): ReadResult {
  const body = asObject(data);
  if (endpoint === 'responses') return readResponse(body);
  const choices = Array.isArray(body?.choices) ? (body.choices as unknown[]) : [];
  const finishReasons: string[] = [];
  for (const choice of choices) {
    const reason = nonEmptyString(asObject(choice)?.finish_reason);
    if (reason !== undefined) finishReasons.push(reason);
  }
  const message = asObject(asObject(choices[0])?.message);
  return { result: resultOf(body, finishReasons), answer: textOf(message?.content) };
}

/**
 * A Responses API response. It has a status instead of finish reasons, mapped onto the chat
 * vocabulary: `incomplete` gives its reason (`max_output_tokens`, `content_filter`), a response
 * that calls a function gives `tool_calls`, and any other completed one `stop`.
 */
export function readResponse(body: Loose | undefined): ReadResult {
  const output = Array.isArray(body?.output) ? (body.output as unknown[]) : [];
  let reason: string | undefined;
  if (body?.status === 'incomplete') reason = nonEmptyString(asObject(body.incomplete_details)?.reason) ?? 'incomplete';
  else if (body?.status === 'completed') {
    reason = output.some((item) => asObject(item)?.type === 'function_call') ? 'tool_calls' : 'stop';
  } else if (body?.status === 'failed' || body?.status === 'cancelled') reason = body.status;
  return { result: resultOf(body, reason === undefined ? [] : [reason]), answer: outputText(body, output) };
}

function outputText(body: Loose | undefined, output: unknown[]): string {
  if (typeof body?.output_text === 'string') return body.output_text;
  let text = '';
  for (const item of output) {
    const fields = asObject(item);
    if (fields?.type === 'message') text += textOf(fields.content);
  }
  return text;
}

function resultOf(body: Loose | undefined, finishReasons: string[]): ModelCallResult {
  return {
    usage: usageFromProviderShape(body),
    responseModel: nonEmptyString(body?.model),
    responseId: nonEmptyString(body?.id),
    finishReasons,
  };
}

/** What a stream has said so far; each endpoint's chunks fold into it. */
export interface StreamAccumulator {
  add(item: unknown): void;
  read(): ReadResult;
}

export function accumulatorFor(endpoint: OpenAIEndpoint, keepText: boolean): StreamAccumulator {
  return endpoint === 'responses' ? new ResponseEvents(keepText) : new ChatChunks(keepText);
}

/** Chat Completions chunks: usage arrives in a last chunk only when `stream_options.include_usage` asked for it. */
class ChatChunks implements StreamAccumulator {
  private id: string | undefined;
  private model: string | undefined;
  private usage: Loose | undefined;
  private readonly reasons: string[] = [];
  private text = '';

  constructor(private readonly keepText: boolean) {}

  add(item: unknown): void {
    const chunk = asObject(item);
    if (chunk === undefined) return;
    this.id ??= nonEmptyString(chunk.id);
    this.model ??= nonEmptyString(chunk.model);
    const usage = asObject(chunk.usage);
    if (usage !== undefined) this.usage = usage;
    if (!Array.isArray(chunk.choices)) return;
    for (const choice of chunk.choices as unknown[]) {
      const fields = asObject(choice);
      const reason = nonEmptyString(fields?.finish_reason);
      if (reason !== undefined) this.reasons[typeof fields?.index === 'number' ? fields.index : this.reasons.length] = reason;
      if (this.keepText && fields?.index === 0) this.text += textOf(asObject(fields.delta)?.content);
    }
  }

  read(): ReadResult {
    const body: Loose = { id: this.id, model: this.model, usage: this.usage };
    return {
      result: resultOf(
        body,
        this.reasons.filter((reason) => reason !== undefined),
      ),
      answer: this.text,
    };
  }
}

/** Responses API events: the last of `response.completed`, `response.incomplete` or `response.failed` has it all. */
class ResponseEvents implements StreamAccumulator {
  private response: Loose | undefined;
  private text = '';

  constructor(private readonly keepText: boolean) {}

  add(item: unknown): void {
    const event = asObject(item);
    const response = asObject(event?.response);
    if (response !== undefined) this.response = response;
    if (this.keepText && event?.type === 'response.output_text.delta' && typeof event.delta === 'string') this.text += event.delta;
  }

  read(): ReadResult {
    const read = readResponse(this.response);
    return read.answer === '' ? { result: read.result, answer: this.text } : read;
  }
}
