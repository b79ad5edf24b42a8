/** The usage text: printed on stdout by --help, and after every command-line shape error on stderr. */
export const USAGE = `Usage:
  sightline report [dir] [--by team,feature,model] [--since 24h] [--json] [--html [out.html]] [--cache-window 1h]
  sightline diagnose <traceId> [dir] [--json]
  sightline --version | --help

dir defaults to .sightline; --html alone writes sightline-report.html.
Exit codes: 0 ok, 1 cannot write the --html file (or a bug), 2 usage, 3 no directory, 4 no telemetry, 5 trace not found.
`;
