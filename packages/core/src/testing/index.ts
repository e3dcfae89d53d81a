export * from './fixtures.js';
export { describeStoreContract } from './store-contract.js';
