/** Options for `instrumentVectorStore`. */
export interface InstrumentVectorStoreOptions {
  /**
   * `db.system.name` on the spans and metrics. Default: the store's own
   * `_vectorstoreType()` (for example `chroma` or `memory`).
   */
  systemName?: string;
  /**
   * `db.collection.name` on the spans and metrics. Default: the store's
   * `collectionName` field, when it has one.
   */
  collectionName?: string;
}
