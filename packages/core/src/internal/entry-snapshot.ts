/**
 * An object's own enumerable entries as they were, to tell cheaply whether a later object holds the same
 * keys, in the same order, with identical values: the memos of the hot paths (a repeated `withTags`, repeated
 * invocation parameters) reuse their last result when it does. Reads with `for…in` and `Object.hasOwn`, in
 * `Object.keys` order, without allocating.
 */
export class EntrySnapshot {
  private keys: readonly string[] = [];
  private values: readonly unknown[] = [];

  /** Whether `input` holds the remembered entries, no more and no fewer; keys in `skip` are not compared. */
  matches(input: Readonly<Record<string, unknown>>, skip?: ReadonlySet<string>): boolean {
    const { keys, values } = this;
    let index = 0;
    for (const key in input) {
      if (!Object.hasOwn(input, key) || skip?.has(key)) continue;
      if (index === keys.length || keys[index] !== key || values[index] !== input[key]) return false;
      index++;
    }
    return index === keys.length;
  }

  /**
   * Remembers `input`'s entries (but those in `skip`). Returns false, and remembers nothing, when a value
   * fails `keep`: one that could change in place must not be taken for equal later.
   */
  take(input: Readonly<Record<string, unknown>>, skip?: ReadonlySet<string>, keep?: (value: unknown) => boolean): boolean {
    const keys: string[] = [];
    const values: unknown[] = [];
    for (const key in input) {
      if (!Object.hasOwn(input, key) || skip?.has(key)) continue;
      const value = input[key];
      if (keep !== undefined && !keep(value)) return false;
      keys.push(key);
      values.push(value);
    }
    this.keys = keys;
    this.values = values;
    return true;
  }
}
