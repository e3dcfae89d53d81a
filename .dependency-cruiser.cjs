/**
 * The dependency rule from DESIGN.md, enforced by `pnpm lint`: arrows point inward.
 * core imports nothing of ours; adapters import core (and proto), never each other or a store;
 * stores import core; only apps/* wire things together.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-is-independent',
      comment:
        'packages/core imports no other workspace package, protocol library or database driver.',
      severity: 'error',
      from: { path: '^packages/core/' },
      to: {
        pathNot: [
          '^packages/core/',
          '^node_modules/(zod|vitest|@vitest|@types)/',
          '^node_modules/\\.pnpm/',
        ],
        dependencyTypesNot: ['core'],
      },
    },
    {
      name: 'core-uses-no-drivers-or-protocols',
      severity: 'error',
      from: { path: '^packages/core/' },
      to: {
        path: 'node_modules/.*(better-sqlite3|pg|ioredis|hono|@grpc|graphql|soap|fast-xml-parser|ws)/',
      },
    },
    {
      name: 'adapters-do-not-import-each-other',
      severity: 'error',
      from: { path: '^packages/adapter-([^/]+)/' },
      to: { path: '^packages/adapter-', pathNot: '^packages/adapter-$1/' },
    },
    {
      name: 'adapters-do-not-import-stores',
      severity: 'error',
      from: { path: '^packages/(adapter-[^/]+|webhooks)/' },
      to: { path: '^packages/(store-|redis/)' },
    },
    {
      name: 'stores-import-only-core',
      severity: 'error',
      from: { path: '^packages/store-([^/]+)/' },
      to: { path: '^packages/', pathNot: ['^packages/core/', '^packages/store-$1/'] },
    },
    {
      name: 'redis-imports-only-core',
      comment: 'packages/redis implements the event bus and rate limiter ports, nothing else.',
      severity: 'error',
      from: { path: '^packages/redis/' },
      to: { path: '^packages/', pathNot: ['^packages/core/', '^packages/redis/'] },
    },
    {
      name: 'webhooks-imports-only-core',
      comment:
        "packages/webhooks is a driven adapter: the core's WebhookTransport port, nothing else.",
      severity: 'error',
      from: { path: '^packages/webhooks/' },
      to: { path: '^packages/', pathNot: ['^packages/core/', '^packages/webhooks/'] },
    },
    {
      name: 'packages-do-not-import-apps',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|src/gen)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['@commerce/source', 'import', 'types', 'default'],
      extensions: ['.ts', '.js'],
    },
    combinedDependencies: true,
  },
};
