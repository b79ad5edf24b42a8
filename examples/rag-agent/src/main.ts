// `pnpm demo`: the Sightline demo, a support agent serving two teams. The work
// is in runDemo; this file parses flags, turns Ctrl-C into a clean shutdown
// (Chroma and the MCP server stopped, telemetry flushed) and sets the exit code.
import { parseDemoArgs } from './args.js';
import { runDemo } from './run-demo.js';

const abort = new AbortController();
let interrupted: () => void = () => undefined;
const interruptedPromise = new Promise<void>((resolve) => (interrupted = resolve));
process.on('SIGINT', () => {
  if (abort.signal.aborted) process.exit(130); // a second Ctrl-C does not wait
  abort.abort(new Error('interrupted'));
  interrupted();
});

try {
  const args = parseDemoArgs(process.argv.slice(2));
  const started = performance.now();
  await runDemo({
    ...args,
    signal: abort.signal,
    beforeShutdown:
      args.prometheusPort === undefined
        ? undefined
        : () => {
            process.stdout.write(
              `Serving metrics on http://${args.prometheusHost ?? '127.0.0.1'}:${args.prometheusPort}/metrics; Ctrl-C to stop.\n`,
            );
            return interruptedPromise;
          },
  });
  process.stdout.write(`Demo finished in ${((performance.now() - started) / 1000).toFixed(1)} s.\n`);
} catch (error) {
  if (abort.signal.aborted) {
    process.exitCode = 130;
    process.stderr.write('demo interrupted: Chroma and the order service are stopped, the telemetry so far is flushed.\n');
  } else {
    process.exitCode = 1;
    process.stderr.write(`demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
}
