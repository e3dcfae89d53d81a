/**
 * Writes the served OpenAPI document to a temp file and lints it with Redocly's recommended
 * rules (offline, no telemetry). Part of the root `pnpm lint`; exits non-zero on any error.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Commerce } from '@commerce/core';
import { createRestApp } from '../src/index.js';

// Serving the document touches no core operation, so no store is needed.
const app = createRestApp({ commerce: {} as Commerce });
const response = await app.request('/openapi.json');
if (!response.ok) throw new Error(`GET /openapi.json answered ${response.status}`);

const dir = mkdtempSync(join(tmpdir(), 'openapi-lint-'));
const file = join(dir, 'openapi.json');
try {
  writeFileSync(file, await response.text());
  const cli = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');
  execFileSync(process.execPath, [cli, 'lint', '--format=codeframe', file], {
    stdio: 'inherit',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
