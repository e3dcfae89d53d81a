import { createRequire } from 'node:module';
import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Tests run against TypeScript sources: the `@commerce/source` export condition points every
// workspace package at its src/, so no build is needed before `vitest`.
const conditions = ['@commerce/source', ...defaultServerConditions];

// graphql 16 ships a CommonJS `main` and an ESM `module` without an exports map: Node gives
// libraries (yoga, graphql-ws) the CommonJS build, while vite would give our sources the ESM one,
// and two copies break graphql's `instanceof` checks. Point vite at the build Node loads.
const graphql = createRequire(new URL('./packages/adapter-graphql/', import.meta.url)).resolve(
  'graphql',
);

export default defineConfig({
  resolve: { conditions, alias: [{ find: /^graphql$/, replacement: graphql }] },
  ssr: { resolve: { conditions, externalConditions: ['@commerce/source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
