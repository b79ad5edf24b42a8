import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { sightlineMetricsView, sightlineSpanProcessor, withTags } from '@sightline/core';

// Apps that already run their own providers add Sightline's processor and view.
const tracerProvider = new NodeTracerProvider({ spanProcessors: [sightlineSpanProcessor({ defaultTags: { environment: 'prod' } })] });
tracerProvider.register();
const meterProvider = new MeterProvider({ views: [sightlineMetricsView()] });

withTags({ team: 'search' }, () => {
  // every span and synchronous metric recorded here carries team=search
});
await Promise.all([tracerProvider.shutdown(), meterProvider.shutdown()]);
