import { anthropicCallSpanHook } from './anthropic/call-span.js';
import { registerHookOnce } from './shared/register-once.js';

/**
 * Completes the spans that `@anthropic-ai/sdk` (1.x; its tracing is on by default) emits for
 * `messages.create` and `messages.stream` into Sightline's model-call contract: cost, the semconv
 * names the SDK lacks (`ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS`, `ATTR_GEN_AI_RESPONSE_FINISH_REASONS`,
 * `error.type` on aborts), and the tagged duration, token, cost and first-chunk metrics.
 *
 * Call it once, after or before `init()`; it wraps no client. Calling it again changes nothing and
 * returns the same function, which removes it.
 */
export function instrumentAnthropic(): () => void {
  return registerHookOnce('anthropic', anthropicCallSpanHook);
}
