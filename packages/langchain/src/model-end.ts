import { finishModelCall } from '@sightline/core/instrumentation';
import type { RunEntry } from './run-entry.js';
import type { ModelResponse } from './usage/model-response.js';

/**
 * The model span's last words (core's `finishModelCall`): usage, cost and response attributes, and
 * the tagged metrics. This span is the only one that carries usage and cost for the call.
 */
export function finishModelRun(entry: RunEntry, response: ModelResponse | undefined, errorType: string | undefined): void {
  if (entry.span === undefined || entry.model === undefined) return;
  // The caller's context carries the tags.
  finishModelCall(entry.span, entry.model, response, errorType, entry.parentContext);
}
