import { createLogger, reportFailure, safely } from '@sightline/core/instrumentation';
import type { ModelCall } from './model-call.js';
import { accumulatorFor, readResult, type StreamAccumulator } from './results.js';

const log = createLogger('openai');

/** The parts of the client's `APIPromise` that Sightline reads: the raw response and the parser of its body. */
interface ApiPromiseLike {
  responsePromise: PromiseLike<unknown>;
  parseResponse: (...args: unknown[]) => Promise<unknown>;
}

/** The client's `Stream`: its events come from `iterator()`, which `for await`, `tee()` and `toReadableStream()` all call. */
interface StreamLike {
  iterator: () => AsyncIterable<unknown>;
  controller: unknown;
}

/** Ends the span of a stream the app dropped without reading to its end. */
const abandoned = new FinalizationRegistry<ModelCall>((call) => call.endUnread());

/**
 * Follows what a create() call returned, without changing it: the same promise object, which still
 * parses its body only when the app asks (`await`, `withResponse()`), or never (`asResponse()`).
 */
export function observe(call: ModelCall, returned: unknown): void {
  if (!isApiPromise(returned)) {
    log.warnOnce('shape', 'the openai client returned something other than an APIPromise; this call is recorded without its response');
    call.endUnread();
    return;
  }
  let parsed = false;
  const parse = returned.parseResponse;
  returned.parseResponse = async function parseObserved(this: unknown, ...args: unknown[]) {
    parsed = true;
    let data: unknown;
    try {
      data = await parse.apply(this, args);
    } catch (error) {
      call.fail(error);
      throw error;
    }
    safely('openai:result', () => received(call, data));
    return data;
  };
  returned.responsePromise.then(
    // The app's own `await` asks for the body in the same turn; a call still unparsed a turn later was taken raw.
    () => setImmediate(() => parsed || call.endUnread()),
    (error: unknown) => call.fail(error),
  );
}

function received(call: ModelCall, data: unknown): void {
  if (isStream(data)) follow(call, data);
  else call.succeed(readResult(call.request.endpoint, data));
}

/** Swaps the stream's iterator for one that watches each event go by and ends the span with the stream. */
function follow(call: ModelCall, stream: StreamLike): void {
  const source = stream.iterator;
  const accumulator = accumulatorFor(call.request.endpoint, call.keepsText);
  abandoned.register(stream, call, call);
  stream.iterator = function iterateObserved(this: unknown) {
    return watch(call, accumulator, source.call(this));
  };
}

/**
 * The stream's iterator, observed: each event goes through unchanged, and the span ends once, with
 * the stream, however it ends (read to the end, `break`, a failure). A hand-written iterator rather
 * than an async generator: a generator costs several promises per event, on every chunk of a stream.
 */
function watch(call: ModelCall, accumulator: StreamAccumulator, events: AsyncIterable<unknown>): AsyncIterableIterator<unknown> {
  const source = events[Symbol.asyncIterator]();
  const succeed = () => {
    abandoned.unregister(call);
    call.succeed(accumulator.read());
  };
  const fail = (error: unknown) => {
    abandoned.unregister(call);
    call.fail(error);
    throw error;
  };
  // One closure for every event, not one per event.
  const observe = (result: IteratorResult<unknown>) => {
    try {
      if (result.done === true) succeed();
      else {
        call.firstChunk();
        accumulator.add(result.value);
      }
    } catch (error) {
      reportFailure('openai:stream', error);
    }
    return result;
  };
  const observed: AsyncIterableIterator<unknown> = {
    next(...args: [] | [unknown]) {
      return source.next(...args).then(observe, fail);
    },
    // Left early by the app (`break`): what arrived is what is recorded.
    return(value?: unknown) {
      safely('openai:stream', succeed);
      return source.return?.(value) ?? Promise.resolve({ done: true, value });
    },
    throw(error?: unknown) {
      return source.throw?.(error).then(undefined, fail) ?? fail(error);
    },
    [Symbol.asyncIterator]() {
      return observed;
    },
  };
  return observed;
}

function isApiPromise(value: unknown): value is ApiPromiseLike {
  const candidate = value as Partial<ApiPromiseLike> | null;
  return typeof candidate?.parseResponse === 'function' && typeof candidate.responsePromise?.then === 'function';
}

function isStream(value: unknown): value is StreamLike {
  const candidate = value as Partial<StreamLike> | null;
  return typeof candidate?.iterator === 'function' && candidate.controller !== undefined;
}
