import { registerConfigureHook, setContextVariable } from '@langchain/core/context';
import { createLogger } from '@sightline/core/instrumentation';
import { SightlineCallbackHandler } from './handler.js';
import { ensureLangChainStorage } from './shared-storage.js';
import type { SightlineCallbackHandlerOptions } from './types.js';

const log = createLogger('langchain');
const CONTEXT_VARIABLE = 'sightline_callback_handler';
const STATE = Symbol.for('sightline.langchain.zero-touch.v1');

interface ZeroTouchState {
  handler: SightlineCallbackHandler;
}

const holder = globalThis as { [STATE]?: ZeroTouchState };

/**
 * Traces every LangChain and LangGraph run of the process, with no `callbacks`
 * argument, through LangChain's public configure hook: each CallbackManager
 * LangChain builds gets the one process-wide handler, inherited by child runs.
 * LangChain adds a hooked handler only when no handler of the same name is on
 * the run already, so a `SightlineCallbackHandler` also passed explicitly is
 * never counted twice, and the app's other handlers are left as they are.
 * Idempotent: later calls return the first handler (and ignore their options).
 *
 * Call it at start-up, at the top level or before the first `await` of the
 * setup code: LangChain keeps the hook in its own async context variable, which
 * code already running in other async contexts does not see, nor, on Node 24,
 * the caller of an async function that set it after an `await` (docs/langchain.md).
 */
export function instrumentLangChain(options: SightlineCallbackHandlerOptions = {}): SightlineCallbackHandler {
  const existing = holder[STATE];
  if (existing !== undefined) return existing.handler;
  // The hook's context variable is entered into LangChain's storage: the lane, unless LangChain has a storage in use.
  ensureLangChainStorage();
  const handler = new SightlineCallbackHandler(options);
  try {
    registerConfigureHook({ contextVar: CONTEXT_VARIABLE, inheritable: true });
    setContextVariable(CONTEXT_VARIABLE, handler);
    holder[STATE] = { handler };
  } catch (error) {
    log.warnOnce('configure-hook', "could not register LangChain's configure hook; pass the handler in `callbacks` instead", error);
  }
  return handler;
}

/** Stops tracing runs that start from now on, and ends the handler's open spans. */
export function uninstrumentLangChain(): void {
  const state = holder[STATE];
  if (state === undefined) return;
  holder[STATE] = undefined;
  setContextVariable(CONTEXT_VARIABLE, undefined);
  state.handler.dispose();
}
