import { context as contextApi, type Context } from '@opentelemetry/api';

/** The context key under which the current tags live (registered, so every copy of core agrees). */
export const TAGS_CONTEXT_KEY: symbol = Symbol.for('sightline.tags');

export type TagValue = string | number | boolean;
export type TagRecord = Readonly<Record<string, TagValue>>;

export function readTags(ctx: Context = contextApi.active()): TagRecord | undefined {
  return ctx.getValue(TAGS_CONTEXT_KEY) as TagRecord | undefined;
}

export function writeTags(ctx: Context, tags: TagRecord): Context {
  return ctx.setValue(TAGS_CONTEXT_KEY, tags);
}
