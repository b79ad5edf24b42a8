import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const packagesDir = join(import.meta.dirname, '..', '..', '..');

/**
 * A child process imports the built packages, not the sources vitest aliases.
 * Root `pnpm test` builds first; running this file alone builds core and mcp
 * here when their dist is missing or older than their sources.
 */
export function ensureBuilt(names: readonly string[] = ['core', 'mcp']): void {
  for (const name of names) {
    const dir = join(packagesDir, name);
    const built = join(dir, 'dist', 'index.js');
    if (existsSync(built) && newestSource(join(dir, 'src')) <= statSync(built).mtimeMs) continue;
    execFileSync('pnpm', ['build'], { cwd: dir, stdio: 'pipe' });
  }
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}
