import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const packages = ['core', 'testing', 'evaluation', 'langchain', 'mcp', 'vector', 'gpu', 'cli'];
// Tests run against the sources; the built dist is tested by the packaging test.
const source = (path: string) => fileURLToPath(new URL(`./packages/${path}`, import.meta.url));
const alias = [
  { find: /^@sightline\/core\/instrumentation$/, replacement: source('core/src/instrumentation.ts') },
  { find: /^@sightline\/langchain\/zero-touch$/, replacement: source('langchain/src/zero-touch.ts') },
  ...['openai', 'anthropic', 'ai-sdk'].map((entry) => ({
    find: new RegExp(`^@sightline/providers/${entry}$`),
    replacement: source(`providers/src/${entry}.ts`),
  })),
  ...packages.map((name) => ({ find: new RegExp(`^@sightline/${name}$`), replacement: source(`${name}/src/index.ts`) })),
];

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts', 'examples/*/test/**/*.test.ts'],
          exclude: ['**/*.e2e.test.ts', '**/node_modules/**'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['**/*.e2e.test.ts'],
          exclude: ['**/node_modules/**'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
    ],
  },
});
