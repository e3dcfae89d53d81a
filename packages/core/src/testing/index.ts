export { makeWebhookDelivery, makeWebhookEndpoint } from './contract/webhooks-contract.js';
export * from './fixtures.js';
export { describeRateLimiterContract } from './rate-limiter-contract.js';
export { describeStoreContract } from './store-contract.js';
