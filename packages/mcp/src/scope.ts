/** The instrumentation scope (tracer name) of every span this package starts. */
export const INSTRUMENTATION_SCOPE = '@sightline/mcp';
