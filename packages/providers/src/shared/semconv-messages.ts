/**
 * Text from the semconv message JSON that libraries put on their spans in a content mode
 * (`[{ role, parts: [{ type: 'text', content }] }]`): never throws; `undefined` when there is none.
 */
export function lastTextOf(json: unknown, role: string): string | undefined {
  if (typeof json !== 'string') return undefined;
  let messages: unknown;
  try {
    messages = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!Array.isArray(messages)) return undefined;
  const message = messages.findLast((candidate: { role?: unknown }) => candidate?.role === role) as { parts?: unknown } | undefined;
  if (!Array.isArray(message?.parts)) return undefined;
  const text = message.parts
    .map((part: { type?: unknown; content?: unknown }) => (part?.type === 'text' && typeof part.content === 'string' ? part.content : ''))
    .join('');
  return text === '' ? undefined : text;
}
