// The Chroma launcher is shared with the demo, which starts the same server for its knowledge base.
export { freeLoopbackPort, startChroma, type ChromaServer } from '../../../../examples/rag-agent/src/chroma-server.js';
