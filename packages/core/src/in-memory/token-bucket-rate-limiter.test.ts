import { describeRateLimiterContract } from '../testing/rate-limiter-contract.js';
import { createInMemoryRateLimiter } from './token-bucket-rate-limiter.js';

describeRateLimiterContract('in-memory', (clock) => createInMemoryRateLimiter(clock));
