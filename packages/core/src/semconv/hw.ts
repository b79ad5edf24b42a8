/** hw.*: the GPU sampler. Part of semconv.ts, the one place names live. */

// ---------------------------------------------------------------- hw: attributes
/** Semconv `hw.id`: label on the `hw.*` GPU metrics, the GPU's id. */
export const ATTR_HW_ID = 'hw.id';
/** Semconv `hw.name`: label on the `hw.*` GPU metrics, the GPU's model name. */
export const ATTR_HW_NAME = 'hw.name';
/** Semconv `hw.type`: label on the `hw.*` GPU metrics, always `gpu`. */
export const ATTR_HW_TYPE = 'hw.type';
/** Semconv `hw.vendor`: label on the `hw.*` GPU metrics and the GPU sampler health counters, `nvidia` or `amd`. */
export const ATTR_HW_VENDOR = 'hw.vendor';

// ---------------------------------------------------------------- hw: metrics
/** Semconv observable gauge: fraction of time each GPU was busy, 0..1. */
export const METRIC_HW_GPU_UTILIZATION = 'hw.gpu.utilization';
/** Semconv observable up-down counter: GPU memory in use, in bytes. */
export const METRIC_HW_GPU_MEMORY_USAGE = 'hw.gpu.memory.usage';
/** Semconv observable up-down counter: GPU memory size, in bytes. */
export const METRIC_HW_GPU_MEMORY_LIMIT = 'hw.gpu.memory.limit';
/** Semconv observable gauge: fraction of GPU memory in use, 0..1. */
export const METRIC_HW_GPU_MEMORY_UTILIZATION = 'hw.gpu.memory.utilization';
/** Semconv observable gauge: GPU temperature, in degrees Celsius. */
export const METRIC_HW_TEMPERATURE = 'hw.temperature';
/** Semconv observable gauge: GPU power draw, in watts. */
export const METRIC_HW_POWER = 'hw.power';
/** Semconv observable counter: GPU energy, in joules, integrated from power draw. */
export const METRIC_HW_ENERGY = 'hw.energy';

// ---------------------------------------------------------------- hw: @sightline/gpu
/** `hw.type` value on the GPU metrics. */
export const HW_TYPE_GPU = 'gpu';
/** `hw.vendor` value for NVIDIA GPUs (sampled with nvidia-smi). */
export const HW_VENDOR_NVIDIA = 'nvidia';
/** `hw.vendor` value for AMD GPUs (sampled with rocm-smi). */
export const HW_VENDOR_AMD = 'amd';
/** GPU snapshot on model-call spans (self-hosted providers by default): which GPU, and its state at start and end. */
export const ATTR_SIGHTLINE_GPU_ID = 'sightline.gpu.id';
/** 0..1 ratio, like `hw.gpu.utilization`. */
export const ATTR_SIGHTLINE_GPU_UTILIZATION_START = 'sightline.gpu.utilization.start';
/** Span attribute on model-call spans: the serving GPU's utilization at span end, 0..1. */
export const ATTR_SIGHTLINE_GPU_UTILIZATION_END = 'sightline.gpu.utilization.end';
/** Bytes, like `hw.gpu.memory.usage`. */
export const ATTR_SIGHTLINE_GPU_MEMORY_USAGE_START = 'sightline.gpu.memory.usage.start';
/** Span attribute on model-call spans: the serving GPU's memory in use at span end, in bytes. */
export const ATTR_SIGHTLINE_GPU_MEMORY_USAGE_END = 'sightline.gpu.memory.usage.end';
/** Sampler health counters; restarts carry `sightline.reason` (exited or watchdog) and all carry `hw.vendor`. */
export const METRIC_SIGHTLINE_GPU_SAMPLER_RESTARTS = 'sightline.gpu.sampler.restarts';
/** Health counter of GPU tool output lines or documents that could not be parsed. Label: hw.vendor. */
export const METRIC_SIGHTLINE_GPU_SAMPLER_SKIPPED_LINES = 'sightline.gpu.sampler.skipped_lines';
/** Health counter of GPU samplers that found no usable GPU tool. Labels: hw.vendor, sightline.reason (`not_found` or `failed`). */
export const METRIC_SIGHTLINE_GPU_SAMPLER_UNAVAILABLE = 'sightline.gpu.sampler.unavailable';
/** `sightline.reason` on `sightline.gpu.sampler.restarts`: the GPU tool process exited. */
export const REASON_TOOL_EXITED = 'exited';
/** `sightline.reason` on `sightline.gpu.sampler.restarts`: the GPU tool went quiet and the watchdog killed it. */
export const REASON_WATCHDOG = 'watchdog';
/** `sightline.reason` on `sightline.gpu.sampler.unavailable`: the GPU tool (nvidia-smi, rocm-smi) is not installed. */
export const REASON_TOOL_NOT_FOUND = 'not_found';
/** `sightline.reason` on `sightline.gpu.sampler.unavailable`: the GPU tool could not be started or exited before its first sample. */
export const REASON_TOOL_FAILED = 'failed';
