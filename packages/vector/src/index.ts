export { instrumentChroma } from './chroma/instrument-chroma.js';
export { instrumentVectorStore } from './langchain/instrument-vector-store.js';
export type { InstrumentVectorStoreOptions } from './types.js';
