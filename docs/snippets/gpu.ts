import { init } from '@sightline/core';
import { startGpuSampler } from '@sightline/gpu';

const obs = init({ serviceName: 'support-bot' });
const sampler = await startGpuSampler({ intervalMs: 1000 }); // vendor: 'auto' tries nvidia-smi, then rocm-smi

sampler.status();  // 'running' | 'restarting' | 'unavailable' | 'stopped'
sampler.latest();  // [{ index: 0, id: 'GPU-5f3c…', name: 'NVIDIA H100 80GB HBM3', utilization: 0.87, … }]
await sampler.stop();
await obs.shutdown();
