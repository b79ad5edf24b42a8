import type { StartedCall } from '../shared/span-reading.js';

/** A provider-call span of the AI SDK, from its start to its end. */
export interface ProviderCall extends StartedCall {
  readonly operation: string;
  /** Set when a model-call span of another instrumentation started below it: that span counts the call. */
  delegated: boolean;
}
