export { startPrometheusEndpoint } from './endpoint.js';
export type { PrometheusEndpoint, PrometheusEndpointOptions } from './types.js';
