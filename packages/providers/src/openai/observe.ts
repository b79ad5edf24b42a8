import { createLogger, reportFailure, safely } from '@sightline/core/instrumentation';
import type { ModelCall } from './model-call.js';
import { accumulatorFor, readResult, type StreamAccumulator } from './results.js';

const log = createLogger('openai');

/** The parts of the client's `APIPromise` that Sightline reads: the raw response and the parser of its body. */
interface ApiPromiseLike {
  responsePromise: PromiseLike<unknown>;
  parse?: () => unknown;
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
  // `await`, `then()` and `withResponse()` all go through `parse()`: once it was asked for, the body will be read.
  let asked = false;
  const parseBody = returned.parse;
  if (typeof parseBody === 'function') {
    returned.parse = function parseAsked(this: unknown) {
      asked = true;
      return parseBody.call(this);
    };
  }
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
    // An app that asked for no body yet gets one more turn; a call still unparsed then was taken raw (`asResponse()`).
    () => asked || setImmediate(() => asked || parsed || call.endUnread()),
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
    return new WatchedEvents(call, accumulator, source.call(this));
  };
}

/**
 * The stream's iterator, observed: each event goes through unchanged, and the span ends once, with
 * the stream, however it ends (read to the end, `break`, a failure). A class rather than an async
 * generator or an object of closures: a generator costs several promises per event, and this is built
 * for every stream and stepped through for every chunk.
 */
class WatchedEvents implements AsyncIterableIterator<unknown> {
  private readonly source: AsyncIterator<unknown>;

  constructor(
    private readonly call: ModelCall,
    private readonly accumulator: StreamAccumulator,
    events: AsyncIterable<unknown>,
  ) {
    this.source = events[Symbol.asyncIterator]();
  }

  next(...args: [] | [unknown]): Promise<IteratorResult<unknown>> {
    return this.source.next(...args).then(this.observe, this.fail);
  }

  /** Left early by the app (`break`): what arrived is what is recorded. */
  return(value?: unknown): Promise<IteratorResult<unknown>> {
    this.end();
    return this.source.return?.(value) ?? Promise.resolve({ done: true, value });
  }

  throw(error?: unknown): Promise<IteratorResult<unknown>> {
    return this.source.throw?.(error).then(undefined, this.fail) ?? this.fail(error);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<unknown> {
    return this;
  }

  // Arrow fields: handed to `then` for every event, bound once per stream.
  private readonly observe = (result: IteratorResult<unknown>): IteratorResult<unknown> => {
    if (result.done === true) this.end();
    else {
      this.call.firstChunk();
      try {
        this.accumulator.add(result.value);
      } catch (error) {
        reportFailure('openai:chunk', error);
      }
    }
    return result;
  };

  private readonly fail = (error: unknown): never => {
    abandoned.unregister(this.call);
    this.call.fail(error);
    throw error;
  };

  private end(): void {
    try {
      abandoned.unregister(this.call);
      this.call.succeed(this.accumulator.read());
    } catch (error) {
      reportFailure('openai:stream', error);
    }
  }
}

function isApiPromise(value: unknown): value is ApiPromiseLike {
  const candidate = value as Partial<ApiPromiseLike> | null;
  return typeof candidate?.parseResponse === 'function' && typeof candidate.responsePromise?.then === 'function';
}

function isStream(value: unknown): value is StreamLike {
  const candidate = value as Partial<StreamLike> | null;
  return typeof candidate?.iterator === 'function' && candidate.controller !== undefined;
}
