import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One server-sent event; `data` objects are sent as JSON. */
export interface ReplayEvent {
  event?: string;
  data: unknown;
}

/** What a route answers: a JSON body, a stream of events, or nothing at all (for aborts and timeouts). */
export type ReplayResponse =
  | { kind: 'json'; status?: number; body: unknown; headers?: Record<string, string> }
  | {
      kind: 'sse';
      events: readonly ReplayEvent[];
      /** Ends the stream with `data: [DONE]`, as OpenAI does. */
      done?: boolean;
      /** Destroys the connection after this many events: a mid-stream disconnect. */
      cutAfter?: number;
      /** Pause between events, in milliseconds (0: all at once). */
      gapMs?: number;
    }
  | { kind: 'hang' };

export interface ReplayRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export type ReplayRoute = (request: ReplayRequest) => ReplayResponse | undefined;

export interface ReplayServer {
  /** `http://127.0.0.1:{port}`. */
  readonly url: string;
  /** Every request received, in order. */
  readonly requests: ReplayRequest[];
  /** The route that answers from now on. */
  respond(route: ReplayRoute): void;
  close(): Promise<void>;
}

/**
 * A loopback HTTP server that replays recorded provider responses, so the real provider SDKs
 * run end to end (`baseURL` pointed here) without a network. Unrouted requests get a 404.
 */
export async function startReplayServer(route: ReplayRoute = () => undefined): Promise<ReplayServer> {
  let current = route;
  const requests: ReplayRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const request: ReplayRequest = {
        method: req.method ?? 'GET',
        path: (req.url ?? '/').split('?')[0] ?? '/',
        headers: req.headers,
        body,
      };
      requests.push(request);
      let response: ReplayResponse | undefined;
      try {
        response = current(request);
      } catch (error) {
        // A broken route (a missing fixture) fails its request at once instead of leaving it to time out.
        response = { kind: 'json', status: 599, body: { error: { message: `replay route failed: ${String(error)}` } } };
      }
      answer(response, res);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    respond(next) {
      current = next;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function answer(response: ReplayResponse | undefined, res: ServerResponse): void {
  if (response === undefined) {
    res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'no route' } }));
    return;
  }
  if (response.kind === 'hang') return;
  if (response.kind === 'json') {
    res.writeHead(response.status ?? 200, { 'content-type': 'application/json', ...response.headers });
    res.end(JSON.stringify(response.body));
    return;
  }
  void stream(response, res);
}

async function stream(response: Extract<ReplayResponse, { kind: 'sse' }>, res: ServerResponse): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  res.flushHeaders();
  for (const [index, event] of response.events.entries()) {
    if (response.cutAfter !== undefined && index >= response.cutAfter) {
      res.socket?.destroy();
      return;
    }
    const data = typeof event.data === 'string' ? event.data : JSON.stringify(event.data);
    // Each event is on the wire before the next, so a cut comes after what was sent, as on a real connection.
    await new Promise((resolve) => res.write(`${event.event === undefined ? '' : `event: ${event.event}\n`}data: ${data}\n\n`, resolve));
    if (response.gapMs) await new Promise((resolve) => setTimeout(resolve, response.gapMs));
  }
  if (response.done) res.write('data: [DONE]\n\n');
  res.end();
}
