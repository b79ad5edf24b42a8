import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import { BaseChatModel, type BaseChatModelCallOptions, type BindToolsInput } from '@langchain/core/language_models/chat_models';
import { AIMessage, type BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import { scriptReply, textOf } from './scripted-replies.js';

/** How each scripted model reports itself, as the real provider's LangChain integration would. */
const PROFILES = {
  'gpt-4o-mini': { provider: 'openai', responseModel: 'gpt-4o-mini-2024-07-18', msPerToken: 0.4 },
  'gpt-4o': { provider: 'openai', responseModel: 'gpt-4o-2024-08-06', msPerToken: 1.2 },
} as const;
export type ScriptedModelName = keyof typeof PROFILES;

/** Prompt tokens a tool's JSON schema costs, roughly, in OpenAI's tool format. */
const TOKENS_PER_TOOL = 70;
const TOKENS_PER_MESSAGE = 4;
const BASE_LATENCY_MS = 60;

interface ScriptedCallOptions extends BaseChatModelCallOptions {
  tools?: BindToolsInput[];
}

let sequence = 0;

/**
 * An offline stand-in for a provider chat model: it follows a support script
 * (tool calls first, then an answer built from the tool results) and returns
 * what the provider would: usage_metadata with token counts, response_metadata
 * with the dated model name and finish reason, a response id, and a latency
 * that grows with the output.
 */
export class ScriptedChatModel extends BaseChatModel<ScriptedCallOptions> {
  constructor(readonly model: ScriptedModelName) {
    super({});
  }

  _llmType(): string {
    return 'scripted';
  }

  override getLsParams(options: this['ParsedCallOptions']): ReturnType<BaseChatModel['getLsParams']> {
    return { ...super.getLsParams(options), ls_provider: PROFILES[this.model].provider, ls_model_name: this.model, ls_temperature: 0 };
  }

  override bindTools(tools: BindToolsInput[]) {
    return this.withConfig({ tools } as Partial<ScriptedCallOptions>);
  }

  async _generate(messages: BaseMessage[], options: this['ParsedCallOptions'], _run?: CallbackManagerForLLMRun): Promise<ChatResult> {
    const profile = PROFILES[this.model];
    const reply = scriptReply(messages);
    const id = ++sequence;
    const toolCalls =
      reply.kind === 'tools' ? reply.calls.map((call, index) => ({ ...call, id: `call_${id}_${index}`, type: 'tool_call' as const })) : [];
    const content = reply.kind === 'answer' ? reply.text : '';
    const inputTokens =
      messages.reduce((sum, message) => sum + TOKENS_PER_MESSAGE + estimateTokens(textOf(message)), 0) +
      (options.tools?.length ?? 0) * TOKENS_PER_TOOL;
    const outputTokens = Math.max(1, estimateTokens(content) + estimateTokens(JSON.stringify(toolCalls.map((call) => call.args))));
    await sleep(BASE_LATENCY_MS + outputTokens * profile.msPerToken, options.signal);
    const finishReason = toolCalls.length > 0 ? 'tool_calls' : 'stop';
    const message = new AIMessage({
      id: `chatcmpl-demo${String(id).padStart(6, '0')}`,
      content,
      tool_calls: toolCalls,
      usage_metadata: { input_tokens: inputTokens, output_tokens: outputTokens, total_tokens: inputTokens + outputTokens },
      response_metadata: { model_name: profile.responseModel, finish_reason: finishReason, system_fingerprint: 'fp_demo' },
    });
    return { generations: [{ text: content, message, generationInfo: { finish_reason: finishReason } }] };
  }
}

/** About four characters a token, as tiktoken gives for English prose. */
function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
