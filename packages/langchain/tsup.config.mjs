import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base.mjs';

export default defineConfig(
  packageBuild(
    { index: 'src/index.ts', 'zero-touch': 'src/zero-touch.ts' },
    {
      // Both entries share one copy of the handler and its run resolver, so their state is one.
      splitting: true,
    },
  ),
);
