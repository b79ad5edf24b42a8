/** db.*: vector-store operations. Part of semconv.ts, the one place names live. */

// ---------------------------------------------------------------- db: attributes
/** Semconv `db.system.name` on vector-store spans and `db.client.*` metrics: e.g. `chroma`, or the LangChain store type. */
export const ATTR_DB_SYSTEM_NAME = 'db.system.name';
/** `db.system`, the pre-1.26 semconv name of `db.system.name`, still written by older instrumentations (read, never written). */
export const ATTR_DB_SYSTEM_LEGACY = 'db.system';
/** Semconv `db.operation.name` on vector-store spans and `db.client.*` metrics: the method called (e.g. `query`). */
export const ATTR_DB_OPERATION_NAME = 'db.operation.name';
/** Semconv `db.collection.name` on vector-store spans and `db.client.*` metrics, when known. */
export const ATTR_DB_COLLECTION_NAME = 'db.collection.name';
/** Semconv `db.response.returned_rows` on vector-store spans: rows (documents) returned. */
export const ATTR_DB_RESPONSE_RETURNED_ROWS = 'db.response.returned_rows';

// ---------------------------------------------------------------- db: metrics
/** Semconv histogram of vector-store operation duration, in seconds. */
export const METRIC_DB_CLIENT_OPERATION_DURATION = 'db.client.operation.duration';
/** Semconv histogram of rows returned per vector-store operation, `{row}`. */
export const METRIC_DB_CLIENT_RESPONSE_RETURNED_ROWS = 'db.client.response.returned_rows';

// ---------------------------------------------------------------- db: vector
/** Chroma's name as `db.system.name`. */
export const DB_SYSTEM_CHROMA = 'chroma';

// ---------------------------------------------------------------- db: buckets
/** Semconv advice for `db.client.operation.duration`, in seconds. */
export const DB_DURATION_BUCKETS_SECONDS = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10];
/** Row counts for `db.client.response.returned_rows`. */
export const ROW_BUCKETS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000, 10000];
