import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** A real Prometheus on a loopback port, with exemplar storage, started and stopped by a test. */
export interface PrometheusServer {
  url: string;
  /** GET `/api/v1/<path>` and return `data`; throws on an HTTP or API error, with Prometheus' message. */
  api<T = unknown>(path: string, params?: Record<string, string>): Promise<T>;
  /** Prometheus' own log, for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface PrometheusConfig {
  binary: string;
  dir: string;
  /** `host:port` of the endpoint to scrape every second. */
  target: string;
  metricsPath?: string;
  ruleFiles?: string[];
}

export async function startPrometheus(config: PrometheusConfig): Promise<PrometheusServer> {
  mkdirSync(join(config.dir, 'data'), { recursive: true });
  const configFile = join(config.dir, 'prometheus.yml');
  // JSON is YAML: no YAML writer needed.
  writeFileSync(
    configFile,
    JSON.stringify({
      global: { scrape_interval: '1s', scrape_timeout: '1s', evaluation_interval: '1s' },
      rule_files: config.ruleFiles ?? [],
      scrape_configs: [
        { job_name: 'sightline-e2e', metrics_path: config.metricsPath ?? '/metrics', static_configs: [{ targets: [config.target] }] },
      ],
    }),
  );
  const port = await freePort();
  const logFile = join(config.dir, 'prometheus.log');
  const logStream = createWriteStream(logFile);
  const child: ChildProcess = spawn(
    config.binary,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${join(config.dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--enable-feature=exemplar-storage',
      '--log.level=info',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.pipe(logStream);
  child.stderr?.pipe(logStream);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const log = () => readFileSync(logFile, 'utf8');

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    logStream.end();
  };

  const api = async <T>(path: string, params: Record<string, string> = {}): Promise<T> => {
    const query = new URLSearchParams(params).toString();
    const response = await fetch(`${url}/api/v1/${path}${query ? `?${query}` : ''}`);
    const body = (await response.json()) as { status: string; data: T; error?: string; errorType?: string };
    if (body.status !== 'success') throw new Error(`${path} ${JSON.stringify(params)}: ${body.errorType}: ${body.error}`);
    return body.data;
  };

  try {
    await waitFor(async () => (await fetch(`${url}/-/ready`)).ok, 30_000, 'Prometheus to be ready');
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${log()}`);
  }
  return { url, api, log, stop };
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
