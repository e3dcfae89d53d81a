import { defineConfig } from 'vite';

// The server serves dist/ at /console (apps/server/src/console/console-mount.ts). `pnpm dev`
// proxies the API paths to a server on 127.0.0.1:8080, so the page's calls stay same-origin.
const target = 'http://127.0.0.1:8080';

export default defineConfig({
  base: '/console/',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  server: {
    proxy: {
      '/api': { target, ws: true },
      '/graphql': target,
      '/soap': target,
      '/console/api': target,
    },
  },
});
