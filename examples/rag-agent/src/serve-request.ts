import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { semconv, type Sightline } from '@sightline/core';
import type { SightlineCallbackHandler } from '@sightline/langchain';
import type { SupportAgent } from './agent.js';
import type { ModelTier } from './chat-models.js';
import type { DemoRequest } from './load.js';
import type { ReturnsDesk } from './returns-desk.js';
import { textOf } from './scripted-replies.js';

export interface RequestOutcome {
  request: DemoRequest;
  traceId: string;
  durationMs: number;
  answer: string | undefined;
  error: string | undefined;
}

const tracer = trace.getTracer('support-bot');

/**
 * One customer request, as the support bot's HTTP handler would serve it: the
 * team's tags around everything, a SERVER span as the trace root, and the
 * agent run with the shared Sightline handler. A failed run is recorded, not
 * thrown: the rest of the traffic goes on.
 */
export function serveRequest(
  obs: Sightline,
  agents: Record<ModelTier, SupportAgent>,
  handler: SightlineCallbackHandler,
  request: DemoRequest,
  signal?: AbortSignal,
  returnsDesk?: ReturnsDesk,
): Promise<RequestOutcome> {
  // All four on the context (not defaults): context tags travel to the MCP server as baggage.
  const tags = { project: 'support-bot', team: request.team, feature: request.feature, cost_center: `cc-${request.team}` };
  return obs.withTags(tags, () =>
    tracer.startActiveSpan('POST /support/chat', { kind: SpanKind.SERVER }, async (span) => {
      const startedAt = performance.now();
      const outcome = {
        request,
        traceId: span.spanContext().traceId,
        answer: undefined as string | undefined,
        error: undefined as string | undefined,
      };
      try {
        const result = await agents[request.tier].invoke(
          { messages: [{ role: 'user', content: request.question }] },
          // A signal of its own per request: LangGraph's listeners stay on it, not on the shared one.
          { callbacks: [handler], signal: signal && AbortSignal.any([signal]) },
        );
        outcome.answer = textOf(result.messages.at(-1));
        // Returns also get a one-line note for the returns desk: a model call outside LangChain, same request.
        if (request.feature === 'returns') await returnsDesk?.summarize(request.question, outcome.answer);
      } catch (error) {
        outcome.error = error instanceof Error ? error.message : String(error);
        span.recordException(error instanceof Error ? error : new Error(outcome.error));
        span.setAttribute(semconv.ATTR_ERROR_TYPE, error instanceof Error ? error.name : 'Error');
        span.setStatus({ code: SpanStatusCode.ERROR, message: outcome.error });
      } finally {
        span.end();
      }
      return { ...outcome, durationMs: performance.now() - startedAt };
    }),
  );
}
