/** Options for `instrumentVectorStore`. */
export interface InstrumentVectorStoreOptions {
  /**
   * `ATTR_DB_SYSTEM_NAME` on the spans and metrics. Default: the store's own
   * `_vectorstoreType()` (for example `chroma` or `memory`).
   */
  systemName?: string;
  /**
   * `ATTR_DB_COLLECTION_NAME` on the spans and metrics. Default: the store's
   * `collectionName` field, when it has one.
   */
  collectionName?: string;
}
