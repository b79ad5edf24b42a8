import { aiSdkSpanHook } from './ai-sdk/span-hook.js';
import { registerHookOnce } from './shared/register-once.js';

/**
 * Maps the spans that the Vercel AI SDK emits with `experimental_telemetry: { isEnabled: true }` (`ai` 6;
 * `ai` 7 with `registerTelemetry(new LegacyOpenTelemetry())` from `@ai-sdk/otel`) onto Sightline's
 * model-call contract: each provider call (`ai.generateText.doGenerate`, `ai.streamText.doStream`,
 * `ai.generateObject.doGenerate`, `ai.embed.doEmbed`, …) gets the semconv names, usage, cost, time to first
 * chunk, `error.type` and the tagged metrics; `ai.toolCall` gets the `execute_tool` names. A provider call
 * that another instrumentation records below it is left to that one, so no call is counted twice.
 *
 * Call it once; calling it again changes nothing and returns the same function, which removes it.
 */
export function instrumentAiSdk(): () => void {
  return registerHookOnce('ai-sdk', aiSdkSpanHook);
}
