export { SightlineCallbackHandler } from './handler.js';
export { instrumentLangChain, uninstrumentLangChain } from './zero-touch.js';
export type { SightlineCallbackHandlerOptions } from './types.js';
