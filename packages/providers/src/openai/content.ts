import { asObject, ContentRecorder, semconv } from '@sightline/core/instrumentation';
import type { Span } from '@opentelemetry/api';
import { textOf, type OpenAIEndpoint } from './request.js';
import type { ReadResult } from './results.js';

/** Core's prompt and completion capture, with the OpenAI request and answer in the semconv message shape. */
export class OpenAIContent extends ContentRecorder {
  input(span: Span, endpoint: OpenAIEndpoint, body: unknown): void {
    if (endpoint === 'embeddings') return;
    this.record(span, semconv.ATTR_GEN_AI_INPUT_MESSAGES, () => {
      const fields = asObject(body);
      const items = endpoint === 'chat' ? fields?.messages : fields?.input;
      const messages = typeof items === 'string' ? [{ role: 'user', content: items }] : Array.isArray(items) ? items : [];
      return messages.map((message: unknown) => {
        const item = asObject(message);
        return { role: String(item?.role ?? 'user'), parts: [{ type: 'text', content: this.text(textOf(item?.content)) }] };
      });
    });
  }

  output(span: Span, read: ReadResult): void {
    this.record(span, semconv.ATTR_GEN_AI_OUTPUT_MESSAGES, () => [
      {
        role: 'assistant',
        parts: [{ type: 'text', content: this.text(read.answer) }],
        ...(read.result.finishReasons[0] === undefined ? {} : { finish_reason: read.result.finishReasons[0] }),
      },
    ]);
  }
}
