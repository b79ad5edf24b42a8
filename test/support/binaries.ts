import { execFileSync } from 'node:child_process';

/**
 * Finds a Debian-packaged binary the e2e tier needs. Outside CI a missing one
 * skips its tests with a loud message; under CI=true it is a failure, because
 * .ci/run installs it and a skip there would hide a broken install.
 */
export function findBinary(name: string, candidates: string[] = [name]): string | undefined {
  for (const candidate of candidates) {
    try {
      return execFileSync('sh', ['-c', `command -v ${candidate}`], { encoding: 'utf8' }).trim() || undefined;
    } catch {
      // try the next candidate
    }
  }
  const message = `${name} is not installed (apt-get install ${name}); its e2e tests cannot run`;
  if (process.env.CI === 'true') throw new Error(`CI=true: ${message}`);
  process.stderr.write(`\n!!! SKIPPING: ${message}\n\n`);
  return undefined;
}
