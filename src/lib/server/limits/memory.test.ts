import { createMemoryRateLimiter } from './memory';
import { describeRateLimiterContract } from './rate-limiter-contract';

describeRateLimiterContract(createMemoryRateLimiter.name, createMemoryRateLimiter);
