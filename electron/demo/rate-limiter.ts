/** Bitbucket's defaults when rate limiting is switched on: a bucket of 60, refilled 5 tokens a second. */
export const RATE_LIMIT_CAPACITY = 60;
export const RATE_LIMIT_REFILL_PER_SECOND = 5;

export type TakeResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * One token bucket per user, as one Bitbucket node keeps them. Refills in real time, whatever
 * the simulated speed, because the client's budget is measured in real time.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly capacity = RATE_LIMIT_CAPACITY,
    private readonly refillPerSecond = RATE_LIMIT_REFILL_PER_SECOND,
    private readonly now: () => number = () => performance.now(),
  ) {}

  take(user: string): TakeResult {
    const at = this.now();
    const previous = this.buckets.get(user) ?? { tokens: this.capacity, at };
    const tokens = Math.min(this.capacity, previous.tokens + ((at - previous.at) / 1000) * this.refillPerSecond);
    if (tokens >= 1) {
      this.buckets.set(user, { tokens: tokens - 1, at });
      return { ok: true };
    }
    this.buckets.set(user, { tokens, at });
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / this.refillPerSecond)) };
  }
}
