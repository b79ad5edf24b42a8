import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base.mjs';

export default defineConfig(
  packageBuild(
    { index: 'src/index.ts', instrumentation: 'src/instrumentation.ts' },
    {
      // Both entries share one copy of each module (pricing, counters, loggers), so their state is one.
      splitting: true,
    },
  ),
);
