import { AsyncLocalStorage } from 'node:async_hooks';
import type { Context, ContextManager } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { resolveParentContext } from './parent.js';
import { contextStorageLane } from './shared-storage.js';

/**
 * Other OpenTelemetry instrumentations (HTTP, fetch, database drivers) parent
 * their spans to `context.active()` and know nothing of core's resolvers.
 * LangChain keeps its current run in its own AsyncLocalStorage, so inside a
 * tool body the OTel context still names the caller's span. This manager makes
 * `active()` answer what `resolveParentContext()` would, so those spans nest
 * under the run too. It never enters a context (no `enterWith`): it only
 * answers differently, and `with`/`bind` store exactly what they are given.
 */
class ResolvingContextManager implements ContextManager {
  /** Set while resolvers run, so a resolver that reads `context.active()` gets the plain context instead of a loop. */
  private resolving = false;

  constructor(private readonly inner: ContextManager) {}

  active(): Context {
    const active = this.inner.active();
    if (this.resolving) return active;
    this.resolving = true;
    try {
      // Passed explicitly: the default argument would call context.active(), i.e. us.
      // With no resolver registered this returns `active` itself, allocating nothing.
      return resolveParentContext(active);
    } finally {
      this.resolving = false;
    }
  }

  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    context: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    return this.inner.with(context, fn, thisArg, ...args);
  }

  bind<T>(context: Context, target: T): T {
    return this.inner.bind(context, target);
  }

  enable(): this {
    this.inner.enable();
    return this;
  }

  disable(): this {
    this.inner.disable();
    return this;
  }
}

/**
 * The context manager Sightline registers: `inner` stores the contexts, and
 * `active()` resolves the parent the way `resolveParentContext()` does. By
 * default `inner` is OpenTelemetry's AsyncLocalStorage manager over the shared
 * storage's context lane (spans/shared-storage.ts). For an app's own SDK:
 * `new NodeSDK({ contextManager: sightlineContextManager(), ... })`.
 */
export function sightlineContextManager(inner: ContextManager = onSharedStorage(new AsyncLocalStorageContextManager())): ContextManager {
  return new ResolvingContextManager(inner);
}

/**
 * OpenTelemetry's manager keeps its contexts in the field `_asyncLocalStorage`
 * (SDK 2.x and 3.x); pointed at the context lane, its `with`, `bind` and
 * `attach` all keep working and cost no storage of their own. Should a later
 * release rename the field, the manager keeps its own storage: slower, never wrong.
 */
function onSharedStorage(manager: AsyncLocalStorageContextManager): ContextManager {
  const fields = manager as unknown as { _asyncLocalStorage?: unknown };
  if (fields._asyncLocalStorage instanceof AsyncLocalStorage) fields._asyncLocalStorage = contextStorageLane();
  return manager;
}
