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
  private keys: readonly string[] = [];
  private values: readonly unknown[] = [];
  private json: string | undefined;

  constructor(private readonly skip: ReadonlySet<string>) {}

  /** The remembered JSON, when `parameters` equal the remembered ones. */
  lookup(parameters: Readonly<Record<string, unknown>>): string | undefined {
    const json = this.json;
    if (json === undefined) return undefined;
    const { keys, values } = this;
    let index = 0;
    for (const key in parameters) {
      if (this.skip.has(key)) continue;
      if (index === keys.length || keys[index] !== key || values[index] !== parameters[key]) return undefined;
      index++;
    }
    return index === keys.length ? json : undefined;
  }

  /** Remembers `json` as the canonical JSON of `parameters`, or forgets the last ones if these cannot be remembered. */
  remember(parameters: Readonly<Record<string, unknown>>, json: string | undefined): void {
    this.json = undefined;
    if (json === undefined) return;
    const keys: string[] = [];
    const values: unknown[] = [];
    for (const key in parameters) {
      if (this.skip.has(key)) continue;
      const value = parameters[key];
      if (!isScalar(value)) return;
      keys.push(key);
      values.push(value);
    }
    this.keys = keys;
    this.values = values;
    this.json = json;
  }
}
