export { SightlineCallbackHandler } from './handler.js';
export type { SightlineCallbackHandlerOptions } from './types.js';
