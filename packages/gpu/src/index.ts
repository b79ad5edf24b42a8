export { startGpuSampler } from './sampler.js';
export type {
  GpuCorrelationOptions,
  GpuSampler,
  GpuSamplerOptions,
  GpuSamplerStatus,
  GpuSnapshot,
  GpuVendor,
} from './types.js';
