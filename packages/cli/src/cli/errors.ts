/** Exit codes of the `sightline` command; docs/cli.md lists them. */
export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
/** Bad command line: unknown command or flag, bad `--since`, an unknown tag key in `--by`. */
export const EXIT_USAGE = 2;
/** The telemetry directory does not exist, is not a directory, or cannot be read. */
export const EXIT_NO_DIRECTORY = 3;
/** The directory holds no telemetry (no files, only empty files, or nothing in the `--since` range). */
export const EXIT_NO_TELEMETRY = 4;
/** `diagnose`: no span of that trace id in the directory. */
export const EXIT_TRACE_NOT_FOUND = 5;

/** An expected failure: its message is shown as is, without a stack, and it exits with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
