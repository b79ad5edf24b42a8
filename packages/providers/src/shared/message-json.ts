/**
 * Readers for the prompt and answer JSON that libraries put on their spans: the AI SDK's
 * `ai.prompt.messages` (`[{ role, content: string | [{ type: 'text', text }] }]`) and the semconv messages of
 * a content mode (`[{ role, parts: [{ type: 'text', content }] }]`). They never throw.
 */
type Message = Record<string, unknown>;

/** The last message of `role` in `json`, or `undefined`. */
function lastMessage(json: unknown, role: string): Message | undefined {
  if (typeof json !== 'string') return undefined;
  let messages: unknown;
  try {
    messages = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!Array.isArray(messages)) return undefined;
  return messages.findLast((message: Message | null) => message?.role === role) as Message | undefined;
}

/** The text of `parts` (`[{ type: 'text', [field]: string }]`), or of a plain string; `undefined` when empty. */
function textOf(parts: unknown, field: string): string | undefined {
  if (typeof parts === 'string') return parts === '' ? undefined : parts;
  if (!Array.isArray(parts)) return undefined;
  const text = parts.map((part: Message | null) => (part?.type === 'text' && typeof part[field] === 'string' ? part[field] : '')).join('');
  return text === '' ? undefined : text;
}

/** The text of the last `role` message in semconv message JSON (`ATTR_GEN_AI_INPUT_MESSAGES`, `ATTR_GEN_AI_OUTPUT_MESSAGES`). */
export function lastSemconvText(json: unknown, role: string): string | undefined {
  return textOf(lastMessage(json, role)?.parts, 'content');
}

/** The text of the last `role` message in the AI SDK's prompt JSON. */
export function lastAiSdkText(json: unknown, role: string): string | undefined {
  return textOf(lastMessage(json, role)?.content, 'text');
}
