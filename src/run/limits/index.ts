export { createAdaptiveConcurrency, type AdaptiveConcurrency, type AdaptiveConcurrencyOptions, type Attempt, type AttemptOutcome, type AttemptReply } from './adaptive-concurrency.ts';
export { systemClock, type LimitClock } from './clock.ts';
export { countTextTokens, estimateRequestTokens } from './estimate-tokens.ts';
export { limitProvider, type ProviderLimits } from './limit-provider.ts';
export { createRateGate, type RateGate, type RateLimits } from './rate-gate.ts';
export { createRunLimits, type LimitEvent, type LimitRole, type RunLimits, type RunLimitsOptions } from './run-limits.ts';
export { createSlotGate, waitAborted, type SlotGate } from './slot-gate.ts';
export { createTokenBucket, type TokenBucket, type TokenBucketOptions } from './token-bucket.ts';
