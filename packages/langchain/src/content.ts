import type { BaseMessage } from '@langchain/core/messages';
import type { LLMResult } from '@langchain/core/outputs';
import { ContentRecorder } from '@sightline/core/instrumentation';

const ROLES: Readonly<Record<string, string>> = { human: 'user', ai: 'assistant', system: 'system', tool: 'tool', generic: 'user' };

/** Core's prompt and completion capture, with LangChain's messages and generations in the semconv message shape. */
export class LangChainContent extends ContentRecorder {
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
