import { EntrySnapshot } from './entry-snapshot.js';

/** Values a parameter object may hold to be remembered: anything else (tools, a schema) could change in place. */
function isScalar(value: unknown): boolean {
  const type = typeof value;
  return value === null || type === 'string' || type === 'number' || type === 'boolean' || type === 'undefined';
}

/**
 * The canonical JSON of the last invocation parameters, reused while the next call's hold the same keys in
 * the same order with the same values: a model's parameters (model, temperature, max tokens) rarely change
 * between its calls, and sorting and writing them cost more than comparing them. Only parameters of scalars
 * are remembered; keys in `skip` (transport parameters, left out of the fingerprint) are not compared.
 */
export class ParameterMemo {
  private readonly entries = new EntrySnapshot();
  private json: string | undefined;

  constructor(private readonly skip: ReadonlySet<string>) {}

  /** The remembered JSON, when `parameters` equal the remembered ones. */
  lookup(parameters: Readonly<Record<string, unknown>>): string | undefined {
    return this.json !== undefined && this.entries.matches(parameters, this.skip) ? this.json : undefined;
  }

  /** Remembers `json` as the canonical JSON of `parameters`, or forgets the last ones if these cannot be remembered. */
  remember(parameters: Readonly<Record<string, unknown>>, json: string | undefined): void {
    this.json = json !== undefined && this.entries.take(parameters, this.skip, isScalar) ? json : undefined;
  }
}
