import type { Attributes } from '@opentelemetry/api';
import { semconv } from '@sightline/core/instrumentation';

// Matched by class name rather than instanceof: importing the SDK's transports
// here would load child_process and HTTP code into every app that uses us.
const NETWORK_TRANSPORT_BY_CLASS: Readonly<Record<string, string>> = {
  StdioClientTransport: semconv.NETWORK_TRANSPORT_PIPE,
  StdioServerTransport: semconv.NETWORK_TRANSPORT_PIPE,
  StreamableHTTPClientTransport: semconv.NETWORK_TRANSPORT_TCP,
  StreamableHTTPServerTransport: semconv.NETWORK_TRANSPORT_TCP,
  WebStandardStreamableHTTPServerTransport: semconv.NETWORK_TRANSPORT_TCP,
  SSEClientTransport: semconv.NETWORK_TRANSPORT_TCP,
  SSEServerTransport: semconv.NETWORK_TRANSPORT_TCP,
  WebSocketClientTransport: semconv.NETWORK_TRANSPORT_TCP,
};

/** `network.transport` of a connected transport: the option wins, then the class; undefined when unknown. */
export function networkTransportOf(transport: unknown, override: string | undefined): string | undefined {
  if (override !== undefined) return override;
  if (transport === null || typeof transport !== 'object') return undefined;
  const name = (transport as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' ? NETWORK_TRANSPORT_BY_CLASS[name] : undefined;
}

/** `network.transport` values whose peer is on this machine, started or reached by the app itself. */
const LOCAL_NETWORK_TRANSPORTS: ReadonlySet<string> = new Set([semconv.NETWORK_TRANSPORT_PIPE, semconv.NETWORK_TRANSPORT_UNIX]);

/**
 * Whether the peer reaches this process over a network, for the incoming-tags
 * warning: in-memory, stdio and Unix-socket transports are local; TCP and any
 * transport we cannot identify count as network, so that doubt warns.
 */
export function transportLocality(transport: unknown, override: string | undefined): 'network' | 'local' {
  const network = networkTransportOf(transport, override);
  if (network !== undefined) return LOCAL_NETWORK_TRANSPORTS.has(network) ? 'local' : 'network';
  const name = (transport as { constructor?: { name?: unknown } } | null | undefined)?.constructor?.name;
  return name === 'InMemoryTransport' ? 'local' : 'network';
}

/** A transport's session id (Streamable HTTP has one; stdio and in-memory do not). */
export function sessionIdOf(transport: unknown): string | undefined {
  if (transport === null || typeof transport !== 'object') return undefined;
  const id = (transport as { sessionId?: unknown }).sessionId;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

const DEFAULT_PORTS: Readonly<Record<string, number>> = { 'http:': 80, 'https:': 443, 'ws:': 80, 'wss:': 443 };

/**
 * `server.address` and `server.port` from a URL (the HTTP, SSE and WebSocket
 * client transports keep theirs in `_url`; a server gets the request's URL in
 * `requestInfo.url`), written into `into`. Nothing for stdio and in-memory.
 */
export function addServerEndpoint(into: Attributes, url: unknown): void {
  if (!(url instanceof URL) || url.hostname === '') return;
  into[semconv.ATTR_SERVER_ADDRESS] = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const port = url.port === '' ? DEFAULT_PORTS[url.protocol] : Number(url.port);
  if (port !== undefined) into[semconv.ATTR_SERVER_PORT] = port;
}

/** The URL a client transport connects to (an SDK internal; read defensively). */
export function clientTransportUrl(transport: unknown): unknown {
  return transport !== null && typeof transport === 'object' ? (transport as { _url?: unknown })._url : undefined;
}
