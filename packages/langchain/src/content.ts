import type { Span } from '@opentelemetry/api';
import type { BaseMessage } from '@langchain/core/messages';
import type { LLMResult } from '@langchain/core/outputs';
import { boundedJson, createLogger, isContentCaptureEnabled, semconv } from '@sightline/core/instrumentation';

const log = createLogger('langchain');
const DEFAULT_MAX_LENGTH = 16_384;
const ROLES: Readonly<Record<string, string>> = { human: 'user', ai: 'assistant', system: 'system', tool: 'tool', generic: 'user' };

export interface ContentOptions {
  redactContent?: (text: string) => string;
  maxContentLength?: number;
}

/**
 * Prompt and completion capture. Off unless `init({ captureContent: true })`;
 * nothing is serialised otherwise. Every text passes the user's redactor first;
 * a redactor that throws drops the attribute (fail closed), it never records raw text.
 */
export class ContentRecorder {
  constructor(private readonly options: ContentOptions) {}

  get enabled(): boolean {
    return isContentCaptureEnabled();
  }

  /** Sets `key` to the JSON of `build()`'s result, built only when capture is on. */
  record(span: Span | undefined, key: string, build: () => unknown): void {
    if (span === undefined || !this.enabled) return;
    try {
      const bounded = boundedJson(build(), this.options.maxContentLength ?? DEFAULT_MAX_LENGTH);
      if (bounded === undefined) return;
      span.setAttribute(key, bounded.json);
      if (bounded.truncated) span.setAttribute(semconv.ATTR_SIGHTLINE_CONTENT_TRUNCATED, true);
    } catch (error) {
      log.warnOnce(`content:${key}`, `did not record ${key}: building or redacting it failed`, error);
    }
  }

  text(value: string): string {
    return this.options.redactContent ? this.options.redactContent(value) : value;
  }

  messages(messages: readonly BaseMessage[]): unknown[] {
    return messages.map((message) => ({
      role: ROLES[roleOf(message)] ?? roleOf(message),
      parts: [{ type: 'text', content: this.text(textOf(message)) }],
    }));
  }

  completions(output: LLMResult): unknown[] {
    return (output.generations ?? []).flat().map((generation) => {
      const message = (generation as { message?: BaseMessage }).message;
      const finishReason = generation.generationInfo?.finish_reason;
      return {
        role: 'assistant',
        parts: [{ type: 'text', content: this.text(message ? textOf(message) : generation.text) }],
        ...(typeof finishReason === 'string' ? { finish_reason: finishReason } : {}),
      };
    });
  }
}

/** LangChain's message type (`human`, `ai`, ...). */
export function roleOf(message: BaseMessage): string {
  const type = (message as { type?: unknown }).type;
  return typeof type === 'string' ? type : message.getType();
}

/** A message's text; structured (multimodal) content as its JSON. */
export function textOf(message: BaseMessage): string {
  return typeof message.content === 'string' ? message.content : JSON.stringify(message.content);
}
