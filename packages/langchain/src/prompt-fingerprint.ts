import type { BaseMessage } from '@langchain/core/messages';
import { asObject, chatPromptHash, promptHash, type Loose } from '@sightline/core/instrumentation';
import { roleOf, textOf } from './content.js';

/**
 * `sightline.prompt.hash` for a model run: the messages (role and text), the
 * requested model and the invocation parameters, so two calls that would return
 * the same cacheable answer share a fingerprint. No content is stored.
 */
export function fingerprintPrompt(
  model: string | undefined,
  prompt: readonly BaseMessage[] | readonly string[],
  extraParams: Loose | undefined,
): string | undefined {
  const parameters = asObject(extraParams?.invocation_params);
  // LLM runs pass prompt strings, chat model runs pass messages; a run never mixes the two.
  if (typeof prompt[0] === 'string') return promptHash({ model, prompt, parameters });
  const messages = (prompt as readonly BaseMessage[]).map((message) => ({ role: roleOf(message), content: textOf(message) }));
  return chatPromptHash(model, messages, parameters);
}
