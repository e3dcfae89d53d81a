import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Tests run against TypeScript sources: the `@commerce/source` export condition points every
// workspace package at its src/, so no build is needed before `vitest`.
const conditions = ['@commerce/source', ...defaultServerConditions];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['@commerce/source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
