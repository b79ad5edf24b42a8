import { init, startPrometheusEndpoint } from '@sightline/core';

const endpoint = startPrometheusEndpoint({ port: 9464 }); // host defaults to 127.0.0.1
const obs = init({ serviceName: 'support-bot', pipelines: { metricReaders: [endpoint.reader] } });
export const metricsUrl = await endpoint.ready; // http://127.0.0.1:9464/metrics, scraped by Prometheus or Alloy
// ... the app runs; on the way out, shutdown also closes the endpoint:
await obs.shutdown();
