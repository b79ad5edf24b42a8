import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { ScriptedChatModel } from './scripted-model.js';

/** `small` serves every feature; `large` is the over-sized model one team picked for short FAQ answers. */
export type ModelTier = 'small' | 'large';

export interface ChatModels {
  /** `scripted` (offline), `openai` or `anthropic`. */
  source: 'scripted' | 'openai' | 'anthropic';
  byTier: Record<ModelTier, BaseChatModel>;
}

const NAMES = {
  openai: { small: 'gpt-4o-mini', large: 'gpt-4o' },
  anthropic: { small: 'claude-haiku-4-5', large: 'claude-opus-4-1' },
} as const;

/**
 * Offline by default. With OPENAI_API_KEY (or else ANTHROPIC_API_KEY) set, the
 * real provider answers; its package is loaded only then, so the demo runs
 * without the optional provider SDKs installed.
 */
export async function createChatModels(env: NodeJS.ProcessEnv = process.env): Promise<ChatModels> {
  if (env.OPENAI_API_KEY) {
    const { ChatOpenAI } = await import('@langchain/openai');
    const make = (model: string) => new ChatOpenAI({ model, temperature: 0, maxRetries: 2 });
    return { source: 'openai', byTier: { small: make(NAMES.openai.small), large: make(NAMES.openai.large) } };
  }
  if (env.ANTHROPIC_API_KEY) {
    const { ChatAnthropic } = await import('@langchain/anthropic');
    const make = (model: string) => new ChatAnthropic({ model, temperature: 0, maxRetries: 2 });
    return { source: 'anthropic', byTier: { small: make(NAMES.anthropic.small), large: make(NAMES.anthropic.large) } };
  }
  return { source: 'scripted', byTier: { small: new ScriptedChatModel('gpt-4o-mini'), large: new ScriptedChatModel('gpt-4o') } };
}
