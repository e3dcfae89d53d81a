import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB_DIR = fileURLToPath(new URL('../../apps/web/', import.meta.url));

/**
 * Makes sure apps/web/dist exists: `pnpm test` builds it through turbo first; a bare `vitest`
 * run builds it here once with vite's JS API.
 */
export async function ensureConsoleBuilt(): Promise<void> {
  if (existsSync(join(WEB_DIR, 'dist', 'index.html'))) return;
  const { build } = await import('vite');
  await build({ root: WEB_DIR, configFile: join(WEB_DIR, 'vite.config.ts'), logLevel: 'warn' });
}
