import { semconv, tagSchemaKeys } from '@sightline/core/instrumentation';

type Metadata = Record<string, unknown> | undefined;

/** What a run's LangChain `metadata` says for Sightline: tags, and LangGraph's conversation. */
export interface MetadataFindings {
  tags: Record<string, unknown> | undefined;
  conversationId: string | undefined;
}

const NOTHING: MetadataFindings = Object.freeze({ tags: undefined, conversationId: undefined });

/** The common LangChain metadata names for the default schema's optional tags; used where the schema has the key. */
const CONVENTIONAL_MAPPING: Readonly<Record<string, string>> = {
  session_id: semconv.TAG_SESSION_ID,
  user_id: semconv.TAG_USER_ID,
};

/** Where a metadata key's value goes, and how strongly: a higher rank overrides a lower one. */
interface Route {
  readonly to: string;
  readonly rank: number;
}

const RANK_CONVENTIONAL = 0;
const RANK_SCHEMA_KEY = 1;
const RANK_MAPPING = 2;

/**
 * Metadata keys that are tag keys of the schema (`metadata: { team: 'search' }`)
 * become tags, as do keys named in `mapping` (`{ tenant: 'team' }`, which wins
 * over a schema key, later entries over earlier ones), and `session_id` / `user_id`
 * where the schema has `session.id` / `user.id` (which only fill a gap). Values
 * are validated later, like `withTags` input. LangChain hands a run's metadata to
 * its child runs too, so the children carry the same tags without any lookup here.
 * Every run's metadata is read, so the routes are compiled once per schema and a
 * read walks the metadata's own keys: most of them (`ls_*`) route nowhere.
 */
export class MetadataTagReader {
  private readonly mapping: ReadonlyArray<readonly [string, string]>;
  private compiledFor: readonly string[] | undefined;
  private routes = new Map<string, Route[]>();

  constructor(mapping: Readonly<Record<string, string>> = {}) {
    this.mapping = Object.entries(mapping);
  }

  read(metadata: Metadata): MetadataFindings {
    if (metadata === undefined) return NOTHING;
    const routes = this.routesFor(tagSchemaKeys());
    let tags: Record<string, unknown> | undefined;
    let ranks: Map<string, number> | undefined;
    for (const from in metadata) {
      const targets = routes.get(from);
      const value = metadata[from];
      if (targets === undefined || value === undefined) continue;
      for (const { to, rank } of targets) {
        if ((ranks?.get(to) ?? -1) > rank) continue;
        (ranks ??= new Map()).set(to, rank);
        (tags ??= {})[to] = value;
      }
    }
    const thread = metadata.thread_id;
    const conversationId = typeof thread === 'string' || typeof thread === 'number' ? String(thread) : undefined;
    return tags === undefined && conversationId === undefined ? NOTHING : { tags, conversationId };
  }

  private routesFor(schemaKeys: readonly string[]): Map<string, Route[]> {
    if (schemaKeys === this.compiledFor) return this.routes;
    const routes = new Map<string, Route[]>();
    const add = (from: string, to: string, rank: number) => routes.set(from, [...(routes.get(from) ?? []), { to, rank }]);
    for (const [from, to] of Object.entries(CONVENTIONAL_MAPPING)) {
      if (schemaKeys.includes(to) && !this.mapping.some(([mapped]) => mapped === from)) add(from, to, RANK_CONVENTIONAL);
    }
    for (const key of schemaKeys) add(key, key, RANK_SCHEMA_KEY);
    this.mapping.forEach(([from, to], index) => add(from, to, RANK_MAPPING + index));
    this.compiledFor = schemaKeys;
    this.routes = routes;
    return routes;
  }
}
