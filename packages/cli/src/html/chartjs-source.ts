import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

let cached: string | undefined;

/**
 * Chart.js's UMD build, to inline into the page so it works offline. The
 * package's exports map does not expose `dist/chart.umd.min.js`, so it is found
 * next to the entry that `require.resolve` returns.
 */
export function chartJsSource(): string {
  if (cached === undefined) {
    const require = createRequire(import.meta.url);
    const entry = require.resolve('chart.js');
    // `</script` inside an inline script would end it early.
    cached = readFileSync(join(dirname(entry), 'chart.umd.min.js'), 'utf8').replace(/<\/script/gi, '<\\/script');
  }
  return cached;
}
