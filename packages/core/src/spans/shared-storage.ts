import { AsyncLocalStorage } from 'node:async_hooks';
import type { Context } from '@opentelemetry/api';
import { globalSlot } from '../internal/global-slot.js';

/**
 * On Node 20 every enabled AsyncLocalStorage costs every promise the process
 * creates (an async hook copies each storage's value onto it). OpenTelemetry's
 * context and LangChain's run config are two such storages, and LangChain makes
 * many promises per run: in the peer benchmark the second storage alone added
 * 35-75 µs to a 9-run request. So both can ride in one AsyncLocalStorage, whose
 * frame holds one value per lane. Each lane behaves exactly as a storage of its
 * own: `run` and `enterWith` replace their lane and carry the other one over.
 */
interface Frame {
  readonly context: Context | undefined;
  readonly foreign: unknown;
}

/** The part of AsyncLocalStorage's API that OpenTelemetry's context manager, LangChain and LangSmith call. */
export interface StorageLane<T> {
  getStore(): T | undefined;
  run<R, A extends unknown[]>(store: T | undefined, fn: (...args: A) => R, ...args: A): R;
  enterWith(store: T | undefined): void;
  exit<R, A extends unknown[]>(fn: (...args: A) => R, ...args: A): R;
  /** As AsyncLocalStorage#disable: the lane reads undefined until the next run or enterWith. */
  disable(): void;
}

abstract class Lane<T> implements StorageLane<T> {
  private disabled = false;

  constructor(protected readonly storage: AsyncLocalStorage<Frame>) {}

  protected abstract read(frame: Frame): T | undefined;
  protected abstract frameWith(store: T | undefined, current: Frame | undefined): Frame;

  getStore(): T | undefined {
    const frame = this.storage.getStore();
    return frame === undefined || this.disabled ? undefined : this.read(frame);
  }

  run<R, A extends unknown[]>(store: T | undefined, fn: (...args: A) => R, ...args: A): R {
    const current = this.storage.getStore();
    // As AsyncLocalStorage#run does: a store that is already this lane's needs no new frame. LangChain runs
    // every awaited callback in run(undefined), mostly where its lane already holds nothing.
    if (!this.disabled && (current === undefined ? store === undefined : Object.is(this.read(current), store))) return fn(...args);
    this.disabled = false;
    return this.storage.run(this.frameWith(store, current), fn, ...args);
  }

  enterWith(store: T | undefined): void {
    this.disabled = false;
    this.storage.enterWith(this.frameWith(store, this.storage.getStore()));
  }

  exit<R, A extends unknown[]>(fn: (...args: A) => R, ...args: A): R {
    return this.run(undefined, fn, ...args);
  }

  disable(): void {
    this.disabled = true;
  }
}

class ContextLane extends Lane<Context> {
  protected read(frame: Frame): Context | undefined {
    return frame.context;
  }

  protected frameWith(context: Context | undefined, current: Frame | undefined): Frame {
    return { context, foreign: current?.foreign };
  }
}

class ForeignLane extends Lane<unknown> {
  protected read(frame: Frame): unknown {
    return frame.foreign;
  }

  protected frameWith(foreign: unknown, current: Frame | undefined): Frame {
    return { context: current?.context, foreign };
  }
}

/** Shared by every copy of core, so that a second copy's context manager finds the same frames. */
interface SharedStorageSlot {
  sharedStorageV1?: { context: StorageLane<Context>; foreign: StorageLane<unknown> };
}

function lanes(): NonNullable<SharedStorageSlot['sharedStorageV1']> {
  const slot = globalSlot<SharedStorageSlot>();
  if (slot.sharedStorageV1 === undefined) {
    const storage = new AsyncLocalStorage<Frame>();
    slot.sharedStorageV1 = { context: new ContextLane(storage), foreign: new ForeignLane(storage) };
  }
  return slot.sharedStorageV1;
}

/** The lane Sightline's context manager keeps OpenTelemetry contexts in. */
export function contextStorageLane(): StorageLane<Context> {
  return lanes().context;
}

/** The lane for one other library's async store (LangChain's run config), beside the OpenTelemetry context. */
export function foreignStorageLane(): StorageLane<unknown> {
  return lanes().foreign;
}
