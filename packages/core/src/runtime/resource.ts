import type { Attributes } from '@opentelemetry/api';
import { defaultResource, resourceFromAttributes, type Resource } from '@opentelemetry/resources';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '../semconv.js';

export function serviceNameFrom(option: string | undefined): string {
  return option ?? process.env.OTEL_SERVICE_NAME ?? 'unknown_service:node';
}

/** The SDK's default resource (telemetry.sdk.*, OTEL_RESOURCE_ATTRIBUTES) plus service name and version. */
export function buildResource(serviceName: string, serviceVersion: string | undefined, extra: Attributes = {}): Resource {
  return defaultResource().merge(
    resourceFromAttributes({
      ...extra,
      [ATTR_SERVICE_NAME]: serviceName,
      [ATTR_SERVICE_VERSION]: serviceVersion ?? process.env.npm_package_version ?? '0.0.0',
    }),
  );
}
