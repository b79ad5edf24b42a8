import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

let cached: string | undefined;

/**
 * The version of @sightline/cli, read from its own package.json when asked
 * rather than copied in at build time, so it cannot drift from the release.
 * The package resolves itself by name through its `exports` map ("./package.json"),
 * which works the same from src/, dist/ (ESM or CJS) and a linked or copied bin.
 */
export function cliVersion(): string {
  if (cached === undefined) {
    const manifestPath = createRequire(import.meta.url).resolve('@sightline/cli/package.json');
    cached = String((JSON.parse(readFileSync(manifestPath, 'utf8')) as { version: unknown }).version);
  }
  return cached;
}
