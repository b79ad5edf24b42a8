import { ERROR_TYPE_OTHER } from '../semconv.js';

/** A low-cardinality `error.type`: the error class name, `AbortError`, or `_OTHER`. */
export function errorTypeOf(error: unknown): string {
  if (error instanceof Error) {
    const name = error.name && error.name !== 'Error' ? error.name : error.constructor?.name;
    return name && name !== 'Error' ? name : 'Error';
  }
  return ERROR_TYPE_OTHER;
}
