/** Options Sightline passes to every judge call. Honour `signal` to stop work after a timeout. */
export interface JudgeCallOptions {
  signal?: AbortSignal;
}

/** A judge as a plain function: prompt in, reply text out. */
export type JudgeFunction = (prompt: string, options?: JudgeCallOptions) => Promise<string>;

/**
 * A chat message in the `{ role, content }` shape that LangChain (and most SDKs)
 * accept. A type alias, not an interface, so that it is assignable to
 * LangChain's `Record<string, unknown>`-based message type.
 */
export type JudgeMessage = {
  role: 'system' | 'user';
  content: string;
};

/**
 * Anything with `invoke(messages)` resolving to `{ content }`: a LangChain chat
 * model fits this shape as is, so core needs no LangChain import.
 */
export interface JudgeChatModel {
  invoke(messages: JudgeMessage[], options?: JudgeCallOptions): Promise<{ content: unknown }>;
}

export type Judge = JudgeFunction | JudgeChatModel;

const SYSTEM_PROMPT =
  'You are a strict, impartial evaluator of AI assistant answers. You reply with a single JSON object and nothing else.';

/**
 * Adapts a chat model (LangChain's `BaseChatModel`, or anything shaped like it)
 * into a judge function: one system and one user message, reply text extracted
 * from string or content-block replies.
 */
export function chatModelJudge(model: JudgeChatModel): JudgeFunction {
  return async (prompt, options) => {
    const reply = await model.invoke(
      [
        { role: 'system', content: SYSTEM_PROMPT },
        { role: 'user', content: prompt },
      ],
      options?.signal ? { signal: options.signal } : undefined,
    );
    return textOf(reply?.content);
  };
}

export function toJudgeFunction(judge: Judge): JudgeFunction {
  return typeof judge === 'function' ? judge : chatModelJudge(judge);
}

/** Text of a message content: a string, or the text parts of an array of content blocks. */
export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let text = '';
  for (const part of content) {
    if (typeof part === 'string') text += part;
    else if (part !== null && typeof part === 'object' && typeof (part as { text?: unknown }).text === 'string') {
      text += (part as { text: string }).text;
    }
  }
  return text;
}
