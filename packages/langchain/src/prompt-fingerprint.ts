import type { BaseMessage } from '@langchain/core/messages';
import { promptHash } from '@sightline/core';
import { roleOf, textOf } from './content.js';
import { asObject, type Loose } from './usage/fields.js';

/**
 * `sightline.prompt.hash` for a model run: the messages (role and text), the
 * requested model and the invocation parameters, so two calls that would return
 * the same cacheable answer share a fingerprint. No content is stored.
 */
export function fingerprintPrompt(model: string | undefined, prompt: readonly BaseMessage[] | readonly string[], extraParams: Loose | undefined): string | undefined {
  const messages = prompt.map((item) => (typeof item === 'string' ? item : { role: roleOf(item), content: textOf(item) }));
  return promptHash({ model, prompt: messages, parameters: asObject(extraParams?.invocation_params) });
}
