import { parseArgs } from 'node:util';

export interface DemoArgs {
  otlpUrl?: string;
  prometheusPort?: number;
  /** Interface the Prometheus endpoint binds: `$SIGHTLINE_PROMETHEUS_HOST`, default 127.0.0.1 (`0.0.0.0` lets a compose stack's Alloy scrape it). */
  prometheusHost?: string;
  dir?: string;
  htmlPath?: string;
}

const USAGE = `usage: node examples/rag-agent/dist/main.js [--otlp <url>] [--prometheus <port>] [--dir <dir>] [--html <file>]
  --otlp <url>         also send traces, metrics and logs over OTLP/HTTP (e.g. http://127.0.0.1:4318, Grafana Alloy)
  --prometheus <port>  serve OpenMetrics with exemplars on <host>:<port>/metrics until Ctrl-C
                       (<host>: $SIGHTLINE_PROMETHEUS_HOST, default 127.0.0.1)
  --dir <dir>          telemetry directory (default: $SIGHTLINE_DIR or .sightline)
  --html <file>        HTML report (default: sightline-report.html)`;

/** The demo's flags; throws with the usage text on anything else. */
export function parseDemoArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): DemoArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { otlp: { type: 'string' }, prometheus: { type: 'string' }, dir: { type: 'string' }, html: { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${USAGE}`);
  }
  const port = values.prometheus === undefined ? undefined : Number(values.prometheus);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) {
    throw new Error(`--prometheus needs a port number, got "${values.prometheus}"\n${USAGE}`);
  }
  if (values.otlp !== undefined && !/^https?:\/\//.test(values.otlp)) throw new Error(`--otlp needs an http(s) URL\n${USAGE}`);
  const host =
    env.SIGHTLINE_PROMETHEUS_HOST === undefined || env.SIGHTLINE_PROMETHEUS_HOST === '' ? undefined : env.SIGHTLINE_PROMETHEUS_HOST;
  if (host !== undefined && !/^[\w.:-]+$/.test(host))
    throw new Error(`SIGHTLINE_PROMETHEUS_HOST needs a host name or address, got "${host}"\n${USAGE}`);
  return { otlpUrl: values.otlp, prometheusPort: port, prometheusHost: host, dir: values.dir ?? env.SIGHTLINE_DIR, htmlPath: values.html };
}
