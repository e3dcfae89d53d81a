import { resolve } from 'node:path';
import { DEFAULT_GRAPHQL_LIMITS } from '@commerce/adapter-graphql';
import { defaultSettings, type SettingsOverrides } from '@commerce/core';
import { z } from 'zod';

/**
 * The server's configuration: environment variables only, validated once at start. Every
 * variable is declared once below with its default and meaning; `CONFIG_VARIABLES` exports that
 * table as data (the README's configuration table is checked against it).
 */

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** One documented environment variable. `default` is null when the variable is optional and unset by default. */
export interface ConfigVariable {
  name: string;
  default: string | null;
  description: string;
}

const PORT_MESSAGE = 'must be an integer from 0 to 65535 (0 picks a free port)';

const port = z.coerce
  .number({ error: PORT_MESSAGE })
  .int(PORT_MESSAGE)
  .min(0, PORT_MESSAGE)
  .max(65_535, PORT_MESSAGE);
const integer = (min: number) => {
  const message = `must be an integer of at least ${min}`;
  return z.coerce.number({ error: message }).int(message).min(min, message);
};
const positiveNumber = z.coerce
  .number({ error: 'must be a number greater than 0' })
  .gt(0, 'must be a number greater than 0')
  .refine(Number.isFinite, 'must be a finite number');
const nonNegativeNumber = z.coerce
  .number({ error: 'must be a number of at least 0' })
  .min(0, 'must be a number of at least 0')
  .refine(Number.isFinite, 'must be a finite number');

const TRUE = ['true', '1', 'yes', 'on'];
const FALSE = ['false', '0', 'no', 'off'];
const boolean = z
  .string()
  .transform((value) => value.trim().toLowerCase())
  .refine((value) => TRUE.includes(value) || FALSE.includes(value), 'must be true or false')
  .transform((value) => TRUE.includes(value));

const originList = z.string().transform((value, ctx) => {
  const origins = value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  for (const origin of origins) {
    let canonical: string | null = null;
    try {
      const url = new URL(origin);
      canonical = url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
    } catch {
      canonical = null;
    }
    if (canonical !== origin) {
      ctx.addIssue({
        code: 'custom',
        message: `"${origin}" is not an origin; list origins like https://shop.example.com or http://localhost:5173 (scheme, host and optional port; no path, no trailing slash, no *)`,
      });
    }
  }
  return origins;
});

/** A URL with one of `schemes`; the value is never echoed (it may hold a password). */
const serviceUrl = (schemes: readonly string[]) =>
  z.string().refine(
    (value) => {
      try {
        return schemes.includes(new URL(value.trim()).protocol);
      } catch {
        return false;
      }
    },
    `must be a URL starting with ${schemes.map((s) => `${s}//`).join(' or ')}`,
  );

interface VariableSpec<S extends z.ZodType> extends Omit<ConfigVariable, 'name'> {
  schema: S;
}

const variable = <S extends z.ZodType>(
  schema: S,
  defaultValue: string | null,
  description: string,
): VariableSpec<S> => ({
  schema,
  default: defaultValue,
  description,
});

const d = defaultSettings;

/** Every variable the server reads: parser, default (as the string you would set) and meaning. */
const VARIABLES = {
  PORT: variable(
    port,
    '8080',
    'HTTP port for everything HTTP-borne: REST, GraphQL, SOAP, SSE, WebSocket, docs, health and metrics.',
  ),
  HOST: variable(
    z.string().trim().min(1, 'must not be empty'),
    '0.0.0.0',
    'Interface the HTTP and gRPC servers bind to.',
  ),
  GRPC_PORT: variable(
    port,
    '50051',
    'gRPC port (HTTP/2 without TLS): the commerce services, health checking and server reflection.',
  ),
  DATA_DIR: variable(
    z.string().trim().min(1, 'must not be empty'),
    './data',
    'Directory of the embedded SQLite database (`commerce.db`); created if missing.',
  ),
  DATABASE_URL: variable(
    serviceUrl(['postgres:', 'postgresql:']).optional(),
    null,
    'PostgreSQL URL: with `REDIS_URL`, the scale-out mode (state in PostgreSQL, `DATA_DIR` unused). Set both or neither.',
  ),
  DATABASE_SCHEMA: variable(
    z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be lowercase letters, digits and _'),
    'public',
    'PostgreSQL schema of the tables (created if missing); every instance of one deployment uses the same.',
  ),
  DATABASE_POOL_SIZE: variable(
    integer(1),
    '10',
    'Most PostgreSQL connections this instance opens; keep instances × this under the `max_connections` of PostgreSQL.',
  ),
  REDIS_URL: variable(
    serviceUrl(['redis:', 'rediss:']).optional(),
    null,
    'Redis URL: with `DATABASE_URL`, the scale-out mode (live event fan-out and rate limits shared by all instances).',
  ),
  REDIS_KEY_PREFIX: variable(
    z.string().regex(/^\S+$/, 'must not be empty or contain spaces'),
    'commerce:',
    'Prefix of every Redis key and pub/sub channel; instances of one deployment share it, other deployments on the same Redis use another.',
  ),
  CONNECT_TIMEOUT_MS: variable(
    integer(100),
    '5000',
    'Scale-out mode: how long reaching PostgreSQL or Redis may take, at start (then the server exits 1) and per pooled connection.',
  ),
  LOG_LEVEL: variable(
    z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }),
    'info',
    `Minimum level of the JSON logs on stdout: ${LOG_LEVELS.join(', ')}.`,
  ),
  SEED_DEMO_KEYS: variable(
    boolean,
    'true',
    'Seed the demo API keys `sk_test_admin`, `sk_test_alice`, `sk_test_bob` at start (turn off in production).',
  ),
  SHUTDOWN_DRAIN_MS: variable(
    integer(0),
    '10000',
    'Shutdown budget: how long in-flight requests, then running jobs, may take to finish before they are cut off.',
  ),
  WORKER_CONCURRENCY: variable(
    integer(1),
    '4',
    'How many background jobs (payments) this instance runs at once.',
  ),
  PAYMENT_SLOW_SECONDS: variable(
    nonNegativeNumber,
    String(d.payments.slowSeconds),
    'How long the `pm_card_slow` test payment method takes, in seconds.',
  ),
  PAYMENT_MAX_ATTEMPTS: variable(
    integer(1),
    String(d.payments.maxAttempts),
    'Attempts of a payment job before it is dead-lettered.',
  ),
  JOB_LEASE_MS: variable(
    integer(100),
    String(d.jobs.leaseMs),
    'Lease of a running job; a job whose worker stops heartbeating is run again after it expires.',
  ),
  IDEMPOTENCY_TTL_HOURS: variable(
    positiveNumber,
    String(d.idempotency.ttlMs / 3_600_000),
    'How long an idempotency key replays its stored result, in hours.',
  ),
  RATE_LIMIT_CUSTOMER_CAPACITY: variable(
    integer(1),
    String(d.rateLimits.customer.capacity),
    'Token bucket size (burst) per customer API key, shared by all protocols.',
  ),
  RATE_LIMIT_CUSTOMER_REFILL_PER_SECOND: variable(
    positiveNumber,
    String(d.rateLimits.customer.refillPerSecond),
    'Tokens per second a customer API key gets back.',
  ),
  RATE_LIMIT_ADMIN_CAPACITY: variable(
    integer(1),
    String(d.rateLimits.admin.capacity),
    'Token bucket size (burst) per admin API key.',
  ),
  RATE_LIMIT_ADMIN_REFILL_PER_SECOND: variable(
    positiveNumber,
    String(d.rateLimits.admin.refillPerSecond),
    'Tokens per second an admin API key gets back.',
  ),
  CORS_ORIGINS: variable(
    originList,
    '',
    'Comma-separated browser origins allowed to call the HTTP APIs cross-origin (empty: none).',
  ),
  MAX_BODY_BYTES: variable(
    integer(1),
    '65536',
    'Largest REST request body accepted, in bytes; larger bodies get 413.',
  ),
  LONG_POLL_MAX_SECONDS: variable(
    integer(1),
    '30',
    'Upper bound of a REST long poll (`?wait=` on payments and events), in seconds.',
  ),
  SSE_HEARTBEAT_SECONDS: variable(
    positiveNumber,
    '15',
    'Seconds between `: keep-alive` comments on an idle SSE stream (`/api/v1/events`), so proxies keep it open.',
  ),
  STREAMS_MAX_PER_KEY: variable(
    integer(1),
    String(d.streams.maxPerKey),
    'Most long-lived streams (SSE, WebSocket, GraphQL subscriptions, gRPC watch) one API key may hold open on this instance.',
  ),
  STREAMS_MAX_TOTAL: variable(
    integer(1),
    String(d.streams.maxTotal),
    'Most long-lived streams this instance holds open in total; more are refused as rate limited.',
  ),
  WS_PING_INTERVAL_SECONDS: variable(
    positiveNumber,
    '30',
    'WebSocket API (`/api/v1/ws`): seconds between server pings; a peer that missed the previous pong is dropped.',
  ),
  WS_IDLE_TIMEOUT_SECONDS: variable(
    positiveNumber,
    '300',
    'WebSocket API: a connection with no client messages and no subscriptions for this long is closed (4408).',
  ),
  WS_AUTH_TIMEOUT_SECONDS: variable(
    positiveNumber,
    '10',
    'WebSocket API: a connection without an API key in its upgrade request must send `auth` within this (4408).',
  ),
  WS_MAX_MESSAGE_BYTES: variable(
    integer(256),
    '16384',
    'WebSocket API: largest client message, in bytes; a larger one closes the connection with 1009.',
  ),
  WEBHOOK_ALLOW_PRIVATE_TARGETS: variable(
    boolean,
    'false',
    'Let webhook endpoints point at loopback, private or link-local addresses (local development and tests only).',
  ),
  WEBHOOK_TIMEOUT_MS: variable(
    integer(1),
    String(d.webhooks.timeoutMs),
    'How long one webhook delivery attempt may take before it counts as failed, in ms.',
  ),
  WEBHOOK_MAX_ATTEMPTS: variable(
    integer(1),
    String(d.webhooks.maxAttempts),
    'Attempts of one webhook delivery before it is marked failed (it can still be redelivered by hand).',
  ),
  WEBHOOK_RETRY_BASE_MS: variable(
    integer(1),
    String(d.webhooks.retryBaseMs),
    'First delay between webhook attempts, in ms; it doubles per attempt (with jitter), up to an hour.',
  ),
  WEBHOOK_DISABLE_AFTER_FAILURES: variable(
    integer(1),
    String(d.webhooks.disableAfterFailures),
    'A webhook endpoint is disabled after this many failed attempts in a row.',
  ),
  GRAPHQL_INTROSPECTION: variable(
    boolean,
    'true',
    'GraphQL schema introspection (GraphiQL docs, codegen); when off, field suggestions are hidden too.',
  ),
  GRAPHQL_MAX_DEPTH: variable(
    integer(1),
    String(DEFAULT_GRAPHQL_LIMITS.maxDepth),
    'Deepest field nesting a GraphQL operation may have.',
  ),
  GRAPHQL_MAX_COST: variable(
    integer(1),
    String(DEFAULT_GRAPHQL_LIMITS.maxCost),
    'Highest cost of a GraphQL operation (graphql-armor: objects 2, scalars 1, ×1.5 per level).',
  ),
  GRAPHQL_MAX_ALIASES: variable(
    integer(0),
    String(DEFAULT_GRAPHQL_LIMITS.maxAliases),
    'Most aliases a GraphQL operation may use.',
  ),
  GRAPHQL_MAX_TOKENS: variable(
    integer(1),
    String(DEFAULT_GRAPHQL_LIMITS.maxTokens),
    'Most lexical tokens a GraphQL document may have (checked while parsing).',
  ),
} satisfies Record<string, VariableSpec<z.ZodType>>;

type VariableName = keyof typeof VARIABLES;

/** The documentation of every variable, in declaration order (for the README table and `--help`-style output). */
export const CONFIG_VARIABLES: readonly ConfigVariable[] = Object.entries(VARIABLES).map(
  ([name, spec]) => ({
    name,
    default: spec.default,
    description: spec.description,
  }),
);

/** Blank values count as unset, so `FOO=` in an env file falls back to the default. */
const withDefault = (spec: VariableSpec<z.ZodType>) =>
  z.preprocess((value) => {
    const text = typeof value === 'string' && value.trim() !== '' ? value : undefined;
    return text ?? spec.default ?? undefined;
  }, spec.schema);

const envSchema = z
  .object(
    Object.fromEntries(
      Object.entries(VARIABLES).map(([name, spec]) => [name, withDefault(spec)]),
    ) as {
      [K in VariableName]: z.ZodPipe<z.ZodTransform, (typeof VARIABLES)[K]['schema']>;
    },
  )
  .superRefine((env, ctx) => {
    if ((env.DATABASE_URL === undefined) !== (env.REDIS_URL === undefined)) {
      const missing = env.DATABASE_URL === undefined ? 'DATABASE_URL' : 'REDIS_URL';
      ctx.addIssue({
        code: 'custom',
        path: [missing],
        message:
          'the scale-out mode needs both DATABASE_URL and REDIS_URL; set both, or neither for the embedded SQLite store',
      });
    }
    if (env.PORT !== 0 && env.PORT === env.GRPC_PORT) {
      ctx.addIssue({
        code: 'custom',
        path: ['GRPC_PORT'],
        message: `must differ from PORT (both are ${env.PORT})`,
      });
    }
  });

/** Where the shared state of N instances lives (see the README's Scale-out section). */
export interface ScaleOutConfig {
  databaseUrl: string;
  databaseSchema: string;
  databasePoolSize: number;
  redisUrl: string;
  redisKeyPrefix: string;
  connectTimeoutMs: number;
}

export interface Config {
  port: number;
  host: string;
  /** Port of the gRPC server (0 picks a free port). */
  grpcPort: number;
  /** Absolute path. */
  dataDir: string;
  databasePath: string;
  /** PostgreSQL and Redis, when both URLs are set; null for the embedded SQLite store. */
  scaleOut: ScaleOutConfig | null;
  logLevel: LogLevel;
  seedDemoKeys: boolean;
  shutdownDrainMs: number;
  workerConcurrency: number;
  corsOrigins: readonly string[];
  /** REST: larger request bodies are refused with 413. */
  maxBodyBytes: number;
  /** REST: cap of `?wait=` long polls. */
  longPollMaxSeconds: number;
  /** REST: seconds between heartbeat comments on an idle SSE stream. */
  sseHeartbeatSeconds: number;
  /** WebSocket API: heartbeat, timeouts and message size, in milliseconds and bytes. */
  ws: {
    pingIntervalMs: number;
    idleTimeoutMs: number;
    authTimeoutMs: number;
    maxMessageBytes: number;
  };
  /** GraphQL: introspection and the limits every operation is checked against. */
  graphql: {
    introspection: boolean;
    limits: { maxDepth: number; maxCost: number; maxAliases: number; maxTokens: number };
  };
  /** Webhooks: whether endpoints may target private addresses. */
  webhooks: { allowPrivateTargets: boolean };
  /** The core's tunables set through the environment; unset ones keep the core's defaults. */
  settings: SettingsOverrides;
}

/** Thrown for an invalid environment; `message` lists every bad variable, one per line. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

const shown = (value: unknown) =>
  typeof value === 'string' ? JSON.stringify(value) : String(value);

/** Parses and validates the environment, or throws a ConfigError naming every bad variable. */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
  cwd = process.cwd(),
): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      const raw = env[name];
      const got =
        raw === undefined || name === 'DATABASE_URL' || name === 'REDIS_URL'
          ? ''
          : ` (got ${shown(raw)})`;
      return `${name}: ${issue.message}${got}`;
    });
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  const dataDir = resolve(cwd, e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    grpcPort: e.GRPC_PORT,
    dataDir,
    databasePath: resolve(dataDir, 'commerce.db'),
    scaleOut:
      e.DATABASE_URL !== undefined && e.REDIS_URL !== undefined
        ? {
            databaseUrl: e.DATABASE_URL.trim(),
            databaseSchema: e.DATABASE_SCHEMA,
            databasePoolSize: e.DATABASE_POOL_SIZE,
            redisUrl: e.REDIS_URL.trim(),
            redisKeyPrefix: e.REDIS_KEY_PREFIX,
            connectTimeoutMs: e.CONNECT_TIMEOUT_MS,
          }
        : null,
    logLevel: e.LOG_LEVEL,
    seedDemoKeys: e.SEED_DEMO_KEYS,
    shutdownDrainMs: e.SHUTDOWN_DRAIN_MS,
    workerConcurrency: e.WORKER_CONCURRENCY,
    corsOrigins: e.CORS_ORIGINS,
    maxBodyBytes: e.MAX_BODY_BYTES,
    longPollMaxSeconds: e.LONG_POLL_MAX_SECONDS,
    sseHeartbeatSeconds: e.SSE_HEARTBEAT_SECONDS,
    ws: {
      pingIntervalMs: Math.round(e.WS_PING_INTERVAL_SECONDS * 1000),
      idleTimeoutMs: Math.round(e.WS_IDLE_TIMEOUT_SECONDS * 1000),
      authTimeoutMs: Math.round(e.WS_AUTH_TIMEOUT_SECONDS * 1000),
      maxMessageBytes: e.WS_MAX_MESSAGE_BYTES,
    },
    graphql: {
      introspection: e.GRAPHQL_INTROSPECTION,
      limits: {
        maxDepth: e.GRAPHQL_MAX_DEPTH,
        maxCost: e.GRAPHQL_MAX_COST,
        maxAliases: e.GRAPHQL_MAX_ALIASES,
        maxTokens: e.GRAPHQL_MAX_TOKENS,
      },
    },
    webhooks: { allowPrivateTargets: e.WEBHOOK_ALLOW_PRIVATE_TARGETS },
    settings: {
      webhooks: {
        timeoutMs: e.WEBHOOK_TIMEOUT_MS,
        maxAttempts: e.WEBHOOK_MAX_ATTEMPTS,
        retryBaseMs: e.WEBHOOK_RETRY_BASE_MS,
        disableAfterFailures: e.WEBHOOK_DISABLE_AFTER_FAILURES,
      },
      payments: { slowSeconds: e.PAYMENT_SLOW_SECONDS, maxAttempts: e.PAYMENT_MAX_ATTEMPTS },
      jobs: { leaseMs: e.JOB_LEASE_MS },
      idempotency: { ttlMs: Math.round(e.IDEMPOTENCY_TTL_HOURS * 3_600_000) },
      streams: { maxPerKey: e.STREAMS_MAX_PER_KEY, maxTotal: e.STREAMS_MAX_TOTAL },
      rateLimits: {
        customer: {
          capacity: e.RATE_LIMIT_CUSTOMER_CAPACITY,
          refillPerSecond: e.RATE_LIMIT_CUSTOMER_REFILL_PER_SECOND,
        },
        admin: {
          capacity: e.RATE_LIMIT_ADMIN_CAPACITY,
          refillPerSecond: e.RATE_LIMIT_ADMIN_REFILL_PER_SECOND,
        },
      },
    },
  };
}
