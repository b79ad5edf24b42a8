/**
 * The embedded exporter's files: written here, read by `sightline report` and
 * by the test helpers. Their names are defined once, in this file.
 *
 * `<dir>/<signal>.jsonl` is the live file; `<signal>.1.jsonl` … `<signal>.N.jsonl`
 * are the rotated ones, 1 the newest. Other processes' telemetry may sit in
 * subdirectories one level down (the demo's MCP server writes there).
 */
export const DEFAULT_FILE_DIR = '.sightline';

/** A signal's file name: the live one for rotation 0, else the rotated file of that index. */
export function telemetryFileName(signal: string, rotation = 0): string {
  return rotation === 0 ? `${signal}.jsonl` : `${signal}.${rotation}.jsonl`;
}

/** The rotation of `name` when it is one of `signal`'s files (0 for the live file), else undefined. */
export function telemetryFileRotation(signal: string, name: string): number | undefined {
  if (name === telemetryFileName(signal)) return 0;
  const prefix = `${signal}.`;
  if (!name.startsWith(prefix) || !name.endsWith('.jsonl')) return undefined;
  const digits = name.slice(prefix.length, -'.jsonl'.length);
  return /^[1-9]\d*$/.test(digits) ? Number(digits) : undefined;
}
