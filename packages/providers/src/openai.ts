// Model calls through the official `openai` client (and Azure OpenAI): see docs/providers.md.
export { instrumentOpenAI, type InstrumentOpenAIOptions } from './openai/instrument.js';
