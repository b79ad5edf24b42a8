// A real Chroma server from the chromadb npm CLI: a free loopback port, a
// temporary data directory, ready when its heartbeat answers, and stopped
// (SIGTERM, then waited for) afterwards. The demo runs its knowledge base on it
// and packages/vector's tests import it from here; whoever runs it needs
// chromadb installed.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface ChromaServer {
  host: string;
  port: number;
  /** `http://host:port` */
  url: string;
  /** The server's output so far: for failure messages. */
  output(): string;
  /** Stops the server, waits for it to exit, and removes its data directory. */
  stop(): Promise<void>;
}

export interface StartChromaOptions {
  /** How long to wait for the heartbeat. Default 30 s (it is usually ready in under 1 s). */
  readyTimeoutMs?: number;
}

const HOST = '127.0.0.1';

/** The chromadb CLI next to the resolved package (its `exports` hide package.json). */
function chromaCliPath(from: string = import.meta.url): string {
  const entry = createRequire(from).resolve('chromadb'); // .../chromadb/dist/cjs/chromadb.cjs
  return join(dirname(entry), '..', 'cli.mjs');
}

export async function startChroma(options: StartChromaOptions = {}): Promise<ChromaServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'sightline-chroma-'));
  const port = await freeLoopbackPort();
  const child = spawn(process.execPath, [chromaCliPath(), 'run', '--path', dataDir, '--host', HOST, '--port', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Should this process end without stop() (a crash, process.exit), the server goes with it.
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const server: ChromaServer = {
    host: HOST,
    port,
    url: `http://${HOST}:${port}`,
    output: () => output,
    async stop() {
      process.removeListener('exit', killOnExit);
      await stopProcess(child, exited);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  try {
    await waitForHeartbeat(server.url, child, options.readyTimeoutMs ?? 30_000);
  } catch (error) {
    await server.stop();
    throw new Error(`Chroma did not start: ${(error as Error).message}\n${output}`, { cause: error });
  }
  return server;
}

/** A port that was free a moment ago (the OS picks it). */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

async function waitForHeartbeat(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server exited (${child.exitCode ?? child.signalCode})`);
    try {
      const response = await fetch(`${url}/api/v2/heartbeat`, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no heartbeat from ${url} within ${timeoutMs} ms`);
}

async function stopProcess(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
