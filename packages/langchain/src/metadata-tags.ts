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

/**
 * Metadata keys that are tag keys of the schema (`metadata: { team: 'search' }`)
 * become tags, as do keys named in `mapping` (`{ tenant: 'team' }`), and
 * `session_id` / `user_id` where the schema has `session.id` / `user.id`. Values are
 * validated later, like `withTags` input. LangChain hands a run's metadata to its
 * child runs too, so the children carry the same tags without any lookup here.
 */
export class MetadataTagReader {
  private readonly mapping: ReadonlyArray<readonly [string, string]>;
  private readonly conventional: ReadonlyArray<readonly [string, string]>;

  constructor(mapping: Readonly<Record<string, string>> = {}) {
    this.mapping = Object.entries(mapping);
    this.conventional = Object.entries(CONVENTIONAL_MAPPING).filter(([from]) => !Object.hasOwn(mapping, from));
  }

  read(metadata: Metadata): MetadataFindings {
    if (metadata === undefined) return NOTHING;
    let tags: Record<string, unknown> | undefined;
    const keys = tagSchemaKeys();
    for (const key of keys) {
      if (metadata[key] !== undefined) (tags ??= {})[key] = metadata[key];
    }
    for (const [from, to] of this.conventional) {
      if (metadata[from] !== undefined && keys.includes(to)) (tags ??= {})[to] ??= metadata[from];
    }
    for (const [from, to] of this.mapping) {
      if (metadata[from] !== undefined) (tags ??= {})[to] = metadata[from];
    }
    const thread = metadata.thread_id;
    const conversationId = typeof thread === 'string' || typeof thread === 'number' ? String(thread) : undefined;
    return tags === undefined && conversationId === undefined ? NOTHING : { tags, conversationId };
  }
}
