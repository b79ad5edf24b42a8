import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../../internal/logger.js';
import { ExemplarReservoir } from './exemplar-reservoir.js';
import { registerExemplarSink, unregisterExemplarSink } from '../../metrics/exemplar-sink.js';
import { renderExposition } from './exposition.js';
import { contentTypeOf, negotiateFormat } from './negotiate.js';
import { PullMetricReader } from './pull-reader.js';
import type { PrometheusEndpoint, PrometheusEndpointOptions } from './types.js';

const log = createLogger('prometheus');

const DEFAULT_PROMETHEUS_PORT = 9464;
const DEFAULT_PROMETHEUS_HOST = '127.0.0.1';

/**
 * Serves the metrics for Prometheus to scrape: OpenMetrics with exemplars when
 * the scraper asks for it, classic text otherwise. Synchronous, so `init` can
 * hand `reader` to the MeterProvider it constructs; binding happens in the
 * background and a failure to bind is warned about, never thrown. The server
 * is `unref`ed: it never keeps a finished process alive.
 */
export function startPrometheusEndpoint(options: PrometheusEndpointOptions = {}): PrometheusEndpoint {
  const host = options.host ?? DEFAULT_PROMETHEUS_HOST;
  const path = options.path ?? '/metrics';
  const reservoir = new ExemplarReservoir();
  let url = endpointUrl(host, options.port ?? DEFAULT_PROMETHEUS_PORT, path);
  let closing: Promise<void> | undefined;

  const server = createServer((request, response) => void serve(request, response));
  const close = (): Promise<void> =>
    (closing ??= new Promise<void>((resolve) => {
      unregisterExemplarSink(reservoir);
      reservoir.clear();
      if (!server.listening) return resolve();
      server.close(() => resolve());
      server.closeAllConnections();
    }));
  const reader = new PullMetricReader(close);

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestPath = (request.url ?? '/').split('?', 1)[0];
    if (requestPath !== path) return reply(response, 404, 'text/plain; charset=utf-8', `Not found: metrics are at ${path}\n`);
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return reply(response, 405, 'text/plain; charset=utf-8', 'Method not allowed\n');
    try {
      const format = negotiateFormat(request.headers.accept);
      const { resourceMetrics, errors } = await reader.collect();
      if (errors.length > 0) log.warnOnce('collect-errors', 'some metrics failed to collect for a scrape', errors[0]);
      const body = renderExposition(resourceMetrics, format, (name, attributes) => reservoir.exemplarsOf(name, attributes));
      reply(response, 200, contentTypeOf(format), request.method === 'HEAD' ? '' : body);
    } catch (error) {
      log.warnOnce('scrape', 'a Prometheus scrape failed', error);
      reply(response, 500, 'text/plain; charset=utf-8', 'Collection failed\n');
    }
  }

  const ready = new Promise<string>((resolve, reject) => {
    server.once('error', (error) => {
      log.warnOnce(
        `listen:${host}:${options.port}`,
        `the Prometheus endpoint could not listen on ${host}:${options.port ?? DEFAULT_PROMETHEUS_PORT}`,
        error,
      );
      unregisterExemplarSink(reservoir);
      reject(error);
    });
    server.listen(options.port ?? DEFAULT_PROMETHEUS_PORT, host, () => {
      url = endpointUrl(host, (server.address() as AddressInfo).port, path);
      resolve(url);
    });
  });
  ready.catch(() => undefined); // observed by whoever awaits it; never an unhandled rejection
  server.unref();
  registerExemplarSink(reservoir);

  return {
    reader,
    get url() {
      return url;
    },
    ready,
    close,
  };
}

function reply(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
  response.end(body);
}

function endpointUrl(host: string, port: number, path: string): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}${path}`;
}
