/**
 * Every attribute, metric, span-name prefix and event name Sightline emits.
 * OpenTelemetry semantic-convention names are used where one exists; the
 * `sightline.*` names are our own. Nothing outside this file and its folder spells a name:
 * the names are split by namespace under semconv/, and re-exported here in one list.
 */
export * from './semconv/general.js';
export * from './semconv/gen-ai.js';
export * from './semconv/mcp.js';
export * from './semconv/db.js';
export * from './semconv/hw.js';
export * from './semconv/sightline.js';
export * from './semconv/sightline-features.js';
export * from './semconv/sightline-requests.js';
export * from './semconv/foreign.js';
