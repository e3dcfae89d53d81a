import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultSettings } from '@commerce/core';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from './config.js';

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env, '/srv/app');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('has a default for everything', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      grpcPort: 50051,
      dataDir: '/srv/app/data',
      databasePath: '/srv/app/data/commerce.db',
      logLevel: 'info',
      seedDemoKeys: true,
      shutdownDrainMs: 10_000,
      workerConcurrency: 4,
      corsOrigins: [],
    });
    expect(config.settings).toEqual({
      payments: {
        slowSeconds: defaultSettings.payments.slowSeconds,
        maxAttempts: defaultSettings.payments.maxAttempts,
      },
      jobs: { leaseMs: defaultSettings.jobs.leaseMs },
      idempotency: { ttlMs: defaultSettings.idempotency.ttlMs },
      streams: {
        maxPerKey: defaultSettings.streams.maxPerKey,
        maxTotal: defaultSettings.streams.maxTotal,
      },
      webhooks: {
        timeoutMs: defaultSettings.webhooks.timeoutMs,
        maxAttempts: defaultSettings.webhooks.maxAttempts,
        retryBaseMs: defaultSettings.webhooks.retryBaseMs,
        disableAfterFailures: defaultSettings.webhooks.disableAfterFailures,
      },
      rateLimits: defaultSettings.rateLimits,
    });
    expect(config.webhooks).toEqual({ allowPrivateTargets: false });
  });

  it('reads every variable', () => {
    const config = loadConfig(
      {
        PORT: '0',
        HOST: '127.0.0.1',
        GRPC_PORT: '50052',
        DATA_DIR: '/var/lib/commerce',
        LOG_LEVEL: 'debug',
        SEED_DEMO_KEYS: 'false',
        SHUTDOWN_DRAIN_MS: '2500',
        WORKER_CONCURRENCY: '8',
        PAYMENT_SLOW_SECONDS: '0.5',
        PAYMENT_MAX_ATTEMPTS: '3',
        JOB_LEASE_MS: '5000',
        IDEMPOTENCY_TTL_HOURS: '1.5',
        RATE_LIMIT_CUSTOMER_CAPACITY: '10',
        RATE_LIMIT_CUSTOMER_REFILL_PER_SECOND: '0.5',
        RATE_LIMIT_ADMIN_CAPACITY: '50',
        RATE_LIMIT_ADMIN_REFILL_PER_SECOND: '5',
        CORS_ORIGINS: 'https://shop.example.com, http://localhost:5173',
      },
      '/srv/app',
    );
    expect(config).toMatchObject({
      port: 0,
      host: '127.0.0.1',
      grpcPort: 50052,
      dataDir: '/var/lib/commerce',
      logLevel: 'debug',
      seedDemoKeys: false,
      shutdownDrainMs: 2500,
      workerConcurrency: 8,
      corsOrigins: ['https://shop.example.com', 'http://localhost:5173'],
      settings: {
        payments: { slowSeconds: 0.5, maxAttempts: 3 },
        jobs: { leaseMs: 5000 },
        idempotency: { ttlMs: 5_400_000 },
        rateLimits: {
          customer: { capacity: 10, refillPerSecond: 0.5 },
          admin: { capacity: 50, refillPerSecond: 5 },
        },
      },
    });
  });

  it('treats blank values as unset', () => {
    const config = loadConfig({ PORT: '', LOG_LEVEL: '  ', DATABASE_URL: '' }, '/srv/app');
    expect(config.port).toBe(8080);
    expect(config.logLevel).toBe('info');
  });

  it('lists every bad variable in one clear message', () => {
    const env = {
      PORT: 'abc',
      GRPC_PORT: '70000',
      LOG_LEVEL: 'loud',
      SEED_DEMO_KEYS: 'maybe',
      SHUTDOWN_DRAIN_MS: '-1',
      WORKER_CONCURRENCY: '0',
      PAYMENT_MAX_ATTEMPTS: '2.5',
      RATE_LIMIT_ADMIN_REFILL_PER_SECOND: '0',
      CORS_ORIGINS: 'https://ok.example.com,https://shop.example.com/,*',
    };
    let caught: unknown;
    try {
      loadConfig(env);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const error = caught as ConfigError;
    const named = error.problems.map((p) => p.split(':')[0]);
    expect(new Set(named)).toEqual(new Set(Object.keys(env)));
    expect(error.message.split('\n')[0]).toBe('Invalid configuration:');
    expect(error.message).toContain(
      '  - PORT: must be an integer from 0 to 65535 (0 picks a free port) (got "abc")',
    );
    expect(error.message).toContain(
      '  - LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
    );
    expect(error.message).toContain('SEED_DEMO_KEYS: must be true or false (got "maybe")');
    expect(error.message).toContain('"https://shop.example.com/" is not an origin');
    expect(error.message).toContain('"*" is not an origin');
    expect(error.message).not.toContain('"https://ok.example.com" is not');
    expect(error.message).not.toMatch(/\n\s+at /);
  });

  it('runs embedded unless both scale-out URLs are set, then reads its settings', () => {
    expect(loadConfig({}).scaleOut).toBeNull();
    const config = loadConfig({
      DATABASE_URL: 'postgres://app:hunter2@db/commerce',
      REDIS_URL: 'redis://:hunter2@cache',
      DATABASE_SCHEMA: 'shop_eu',
      DATABASE_POOL_SIZE: '25',
      REDIS_KEY_PREFIX: 'shop-eu:',
      CONNECT_TIMEOUT_MS: '2000',
    });
    expect(config.scaleOut).toEqual({
      databaseUrl: 'postgres://app:hunter2@db/commerce',
      databaseSchema: 'shop_eu',
      databasePoolSize: 25,
      redisUrl: 'redis://:hunter2@cache',
      redisKeyPrefix: 'shop-eu:',
      connectTimeoutMs: 2000,
    });
    expect(
      loadConfig({ DATABASE_URL: 'postgres://db/x', REDIS_URL: 'redis://c' }).scaleOut,
    ).toMatchObject({
      databaseSchema: 'public',
      databasePoolSize: 10,
      redisKeyPrefix: 'commerce:',
    });
  });

  it('refuses half a scale-out setup and bad URLs, without echoing their secrets', () => {
    expect(problemsOf({ DATABASE_URL: 'postgres://app:hunter2@db/commerce' })).toEqual([
      'REDIS_URL: the scale-out mode needs both DATABASE_URL and REDIS_URL; set both, or neither for the embedded SQLite store',
    ]);
    expect(problemsOf({ REDIS_URL: 'redis://cache' })[0]).toMatch(/^DATABASE_URL: the scale-out/);
    const problems = problemsOf({
      DATABASE_URL: 'mysql://app:hunter2@db/commerce',
      REDIS_URL: 'http://:hunter2@cache',
      DATABASE_SCHEMA: 'Shop-EU',
    });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'DATABASE_SCHEMA',
      'DATABASE_URL',
      'REDIS_URL',
    ]);
    for (const problem of problems) expect(problem).not.toContain('hunter2');
  });

  it('keeps the gRPC port apart from the HTTP port', () => {
    expect(problemsOf({ PORT: '9000', GRPC_PORT: '9000' })).toEqual([
      'GRPC_PORT: must differ from PORT (both are 9000) (got "9000")',
    ]);
    expect(loadConfig({ PORT: '0', GRPC_PORT: '0' }).port).toBe(0);
  });
});

describe('the README configuration table', () => {
  // The project's README, two levels above this package (apps/server).
  const packageDir = fileURLToPath(new URL('..', import.meta.url));
  const readmePath = resolve(packageDir, '../../README.md');

  /**
   * The rows of the table(s) under the "Configuration" heading whose first cell is an
   * environment variable name: name → cells (backticks stripped).
   */
  function configurationTable(markdown: string): Map<string, string[]> {
    const lines = markdown.split('\n');
    const start = lines.findIndex((line) => /^#{1,6}\s.*configuration/i.test(line));
    const rows = new Map<string, string[]>();
    if (start < 0) return rows;
    const level = /^#+/.exec(lines[start] ?? '')?.[0].length ?? 1;
    for (const line of lines.slice(start + 1)) {
      const heading = /^(#{1,6})\s/.exec(line);
      if (heading && (heading[1]?.length ?? 0) <= level) break;
      if (!line.trim().startsWith('|')) continue;
      const cells = line
        .trim()
        .replace(/^\||\|$/g, '')
        .split('|')
        .map((cell) => cell.trim().replace(/^`|`$/g, ''));
      const [name] = cells;
      if (name && /^[A-Z][A-Z0-9_]+$/.test(name)) rows.set(name, cells);
    }
    return rows;
  }

  it('is read from the Configuration section only', () => {
    const markdown = [
      '## Ports',
      '| `PORT_TABLE` | x |',
      '## Configuration',
      '| Variable | Default | Meaning |',
      '|---|---|---|',
      '| `PORT` | `8080` | HTTP port |',
      '| DATABASE_URL | — | later |',
      '### Details',
      '| `HOST` | `0.0.0.0` | bind |',
      '## Next',
      '| `OTHER` | 1 | no |',
    ].join('\n');
    expect(Object.fromEntries(configurationTable(markdown))).toEqual({
      PORT: ['PORT', '8080', 'HTTP port'],
      DATABASE_URL: ['DATABASE_URL', '—', 'later'],
      HOST: ['HOST', '0.0.0.0', 'bind'],
    });
  });

  it('documents every variable with its default, and nothing else', () => {
    const markdown = readFileSync(readmePath, 'utf8');
    const rows = configurationTable(markdown);
    expect([...rows.keys()].sort(), `configuration table of ${readmePath}`).toEqual(
      CONFIG_VARIABLES.map((v) => v.name).sort(),
    );
    for (const variable of CONFIG_VARIABLES) {
      const documented = rows.get(variable.name)?.[1] ?? '';
      const expected =
        variable.default === null || variable.default === ''
          ? ['', '—', '-', '(unset)', '(empty)']
          : [variable.default];
      expect(expected, `default of ${variable.name} in ${readmePath}`).toContain(documented);
    }
  });
});
