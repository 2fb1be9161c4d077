import type { RateRule } from './types';

/** Identifies a rule: limiters keep one counter set per distinct rule, so rules never share counts for a key. */
export function ruleId(rule: RateRule): string {
  return `${rule.limit}/${rule.windowMs}ms`;
}

export function assertValidRule(rule: RateRule): void {
  if (!Number.isSafeInteger(rule.limit) || rule.limit < 1) {
    throw new RangeError(`A rate rule's limit must be a whole number of calls ≥ 1, got ${rule.limit}.`);
  }
  if (!Number.isSafeInteger(rule.windowMs) || rule.windowMs < 1) {
    throw new RangeError(`A rate rule's windowMs must be a whole number of milliseconds ≥ 1, got ${rule.windowMs}.`);
  }
}

export function assertValidCost(cost: number): void {
  if (!Number.isSafeInteger(cost) || cost < 1) {
    throw new RangeError(`A rate-limited call costs a whole number of units ≥ 1, got ${cost}.`);
  }
}
