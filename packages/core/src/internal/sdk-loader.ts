import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// The SDK packages are the app's (peer dependencies), and their names differ
// between the 2.x and 3.x lines; resolving them at run time lets one build of
// core work beside either line.
const requireFromHere = createRequire(import.meta.url);

/** The first of `names` that resolves, as a module; undefined when none is installed. */
export function loadFirst<T>(names: readonly string[]): T | undefined {
  for (const name of names) {
    try {
      return requireFromHere(name) as T;
    } catch (error) {
      if ((error as { code?: string }).code !== 'MODULE_NOT_FOUND') throw error;
    }
  }
  return undefined;
}

/**
 * The major version of an installed package, or undefined when it cannot be read.
 * The 3.x packages do not export `./package.json`, so the manifest is found by
 * walking up from the package's resolved entry point.
 */
export function installedMajor(name: string): number | undefined {
  try {
    let dir = dirname(requireFromHere.resolve(name));
    for (;;) {
      const manifest = join(dir, 'package.json');
      if (existsSync(manifest)) {
        const { name: found, version } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
        if (found === name) {
          const major = Number.parseInt(version ?? '', 10);
          return Number.isNaN(major) ? undefined : major;
        }
      }
      const parent = dirname(dir);
      if (parent === dir) return undefined;
      dir = parent;
    }
  } catch {
    return undefined;
  }
}
