#!/usr/bin/env node
// Fails when a file of @sightline/core imports (type imports included) from a layer above its own.
// The layers, bottom to top, are described in docs/architecture.md; a new folder must be given one here.
import madge from 'madge';

const LAYERS = [
  { name: 'base', paths: ['internal/', 'content/', 'semconv.ts', 'semconv/'] },
  { name: 'api', paths: ['tags/', 'spans/', 'metrics/', 'propagation.ts', 'prompt-hash.ts'] },
  { name: 'features', paths: ['pricing/', 'model-calls/', 'budgets/', 'alerts/', 'evaluation-hook/'] },
  { name: 'sdk', paths: ['processors/', 'exporters/'] },
  { name: 'runtime', paths: ['runtime/', 'types.ts'] },
  { name: 'entry', paths: ['index.ts', 'instrumentation.ts'] },
];

function layerOf(file) {
  const index = LAYERS.findIndex((layer) => layer.paths.some((path) => (path.endsWith('/') ? file.startsWith(path) : file === path)));
  return index;
}

const graph = (
  await madge('packages/core/src', {
    fileExtensions: ['ts'],
    detectiveOptions: { ts: { skipTypeImports: false }, es6: { skipTypeImports: false } },
  })
).obj();

const problems = [];
for (const [file, imports] of Object.entries(graph)) {
  if (file.endsWith('.json')) continue;
  const own = layerOf(file);
  if (own < 0) {
    problems.push(`${file}: in no layer; add its folder to LAYERS in scripts/check-layers.mjs`);
    continue;
  }
  for (const target of imports) {
    const theirs = layerOf(target);
    if (theirs > own) problems.push(`${file} (${LAYERS[own].name}) imports ${target} (${LAYERS[theirs].name})`);
  }
}
if (problems.length > 0) {
  console.error(`core layering: ${problems.length} import(s) from a higher layer\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`core layering: ${Object.keys(graph).length} files, every import points down or within its layer`);
