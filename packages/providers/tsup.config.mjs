import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base.mjs';

export default defineConfig(packageBuild({ openai: 'src/openai.ts', anthropic: 'src/anthropic.ts', 'ai-sdk': 'src/ai-sdk.ts' }));
