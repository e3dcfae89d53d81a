import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Machine } from './report.js';

/** Which workspace directory resolves each library the styles are served with. */
const LIBRARIES: [library: string, from: string][] = [
  ['hono', 'packages/adapter-rest'],
  ['@hono/node-server', 'apps/server'],
  ['@grpc/grpc-js', 'packages/adapter-grpc'],
  ['graphql-yoga', 'packages/adapter-graphql'],
  ['graphql', 'packages/adapter-graphql'],
  ['graphql-ws', 'packages/adapter-graphql'],
  ['ws', 'packages/adapter-ws'],
  ['fast-xml-parser', 'packages/adapter-soap'],
  ['soap', 'apps/bench'],
  ['better-sqlite3', 'packages/store-sqlite'],
];
const REPO = fileURLToPath(new URL('../../../../', import.meta.url));

/** The version in the package.json above the file `entry` resolves to. */
function versionAbove(entry: string, name: string): string {
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      if (pkg.name === name) return String(pkg.version);
    } catch {
      // no package.json at this level
    }
  }
  return 'unknown';
}

function versionOf(library: string, from: string): string {
  try {
    const require = createRequire(join(REPO, from, 'package.json'));
    return versionAbove(require.resolve(library), library);
  } catch {
    return 'not installed';
  }
}

/** OS, CPU, memory, load and library versions of this machine. */
export function describeMachine(): Machine {
  const cores = cpus();
  return {
    os: `${type()} ${release()}`,
    cpuModel: cores[0]?.model.trim() ?? 'unknown',
    cpus: cores.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
    node: process.version,
    packages: Object.fromEntries(LIBRARIES.map(([lib, from]) => [lib, versionOf(lib, from)])),
  };
}
