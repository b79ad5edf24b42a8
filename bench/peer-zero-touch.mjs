// A contender for ../shared/peer-bench: Sightline on its zero-touch path. `instrumentLangChain()` registers
// LangChain's configure hook once per process and no handler is passed per invoke; everything else (init,
// pipeline, pricing, tags per request, the @langchain/core redirect) is the bench's own `sightline` contender.
// Run from the project root after `pnpm build`:
//   SIGHTLINE_ROOT=$PWD node ../shared/peer-bench/bench.mjs --contenders baseline,floor-batch,sightline,$PWD/bench/peer-zero-touch.mjs
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// The worker runs as <peer-bench>/lib/worker.mjs; its `sightline` contender registers the resolve hook first.
const peerBench = path.resolve(path.dirname(process.argv[1]), '..');
const sightline = await import(pathToFileURL(path.join(peerBench, 'contenders/sightline.mjs')).href);
const root = pathToFileURL(path.resolve(process.env.SIGHTLINE_ROOT)).href;
const { instrumentLangChain } = await import(`${root}/packages/langchain/dist/zero-touch.js`);

export const meta = {
  ...sightline.meta,
  label: 'Sightline zero-touch: instrumentLangChain() + init()',
  notes: `${sightline.meta.notes} Here no handler is passed: instrumentLangChain() once at setup, LangChain's configure hook adds it.`,
};

export async function setup(ctx) {
  // Before the first await: LangChain keeps the hook in its storage's current frame, which on Node 24 an
  // `enterWith` after an await inside this function would not hand back to the worker's own frame.
  instrumentLangChain();
  const instance = await sightline.setup(ctx);
  return { ...instance, callbacks: undefined };
}
