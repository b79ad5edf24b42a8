import { createRequire } from 'node:module';

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

/** The major version of an installed package, or undefined when it cannot be read. */
export function installedMajor(name: string): number | undefined {
  try {
    const { version } = requireFromHere(`${name}/package.json`) as { version?: string };
    const major = Number.parseInt(version ?? '', 10);
    return Number.isNaN(major) ? undefined : major;
  } catch {
    return undefined;
  }
}
