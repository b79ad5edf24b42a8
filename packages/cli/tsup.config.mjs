import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base.mjs';

// bin.ts starts with a shebang, so tsup marks dist/bin.js executable. Shims give the
// CJS build an import.meta.url, which chartjs-source.ts resolves chart.js from.
export default defineConfig(packageBuild({ index: 'src/index.ts', bin: 'src/bin.ts' }, { shims: true }));
