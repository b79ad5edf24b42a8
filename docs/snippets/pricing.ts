import { init } from '@sightline/core';

init({
  pricing: {
    overrides: { 'my-finetune': { input: 0.5, output: 1.5 }, 'gpt-4o': { input: 2.5, output: 10, cacheRead: 1.0 } },
    aliases: { 'support-prod': 'gpt-4o' },   // Azure deployment name → family
  },
});
