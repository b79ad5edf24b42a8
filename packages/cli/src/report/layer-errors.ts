import type { SpanKindOfWork } from '../read/layers.js';
import type { ErrorLayer, LayerErrors } from '../types.js';

/**
 * Error rates per layer. A span's layer is its kind of work (read/layers.ts): an
 * `execute_tool` span that carries MCP attributes is MCP work, not a tool, the
 * same split as core's `sightline.request.errors{sightline.request.failed_layer}`.
 * Agent, retrieval and app spans are in no layer (their failure still fails the request).
 */
export const ERROR_LAYERS: readonly ErrorLayer[] = ['model', 'tool', 'mcp', 'vector'];

/** The bit of a kind's layer in a request's `failedLayers`; 0 for kinds in no layer. */
export function layerBit(kind: SpanKindOfWork): number {
  const index = (ERROR_LAYERS as readonly string[]).indexOf(kind);
  return index < 0 ? 0 : 1 << index;
}

export class LayerErrorCounter {
  private readonly spans = new Float64Array(ERROR_LAYERS.length);
  private readonly failedSpans = new Float64Array(ERROR_LAYERS.length);
  private readonly failedRequests = new Float64Array(ERROR_LAYERS.length);

  span(kind: SpanKindOfWork, failed: boolean): void {
    const index = (ERROR_LAYERS as readonly string[]).indexOf(kind);
    if (index < 0) return;
    this.spans[index]!++;
    if (failed) this.failedSpans[index]!++;
  }

  request(failedLayers: number): void {
    ERROR_LAYERS.forEach((_, index) => {
      if (failedLayers & (1 << index)) this.failedRequests[index]!++;
    });
  }

  result(requests: number): Record<ErrorLayer, LayerErrors> {
    const out = {} as Record<ErrorLayer, LayerErrors>;
    ERROR_LAYERS.forEach((layer, index) => {
      const spans = this.spans[index]!;
      const failedSpans = this.failedSpans[index]!;
      const failedRequests = this.failedRequests[index]!;
      out[layer] = {
        spans,
        failedSpans,
        spanErrorRate: spans > 0 ? failedSpans / spans : null,
        failedRequests,
        requestErrorRate: requests > 0 ? failedRequests / requests : null,
      };
    });
    return out;
  }
}
