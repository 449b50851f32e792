/**
 * ARM read throttling: a token bucket per (subscription, principal), like Azure Resource Manager's
 * subscription read limit (250 reads, refilling 25 a second).
 */

export interface ThrottleOptions {
  capacity: number;
  refillPerSec: number;
}

export const DEFAULT_THROTTLE: ThrottleOptions = { capacity: 250, refillPerSec: 25 };

export type ThrottleResult = { ok: true; remaining: number } | { ok: false; retryAfterSec: number };

interface Bucket {
  tokens: number;
  at: number;
}

export class ReadThrottle {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly opts: ThrottleOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** Spend one read for this subscription and principal. */
  take(subscriptionId: string, principalId: string): ThrottleResult {
    const key = `${subscriptionId.toLowerCase()}|${principalId.toLowerCase()}`;
    const t = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.opts.capacity, at: t };
    b.tokens = Math.min(this.opts.capacity, b.tokens + ((t - b.at) / 1000) * this.opts.refillPerSec);
    b.at = t;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { ok: true, remaining: Math.floor(b.tokens) };
    }
    const wait = this.opts.refillPerSec > 0 ? (1 - b.tokens) / this.opts.refillPerSec : 60;
    return { ok: false, retryAfterSec: Math.max(1, Math.ceil(wait)) };
  }

  reset(): void {
    this.buckets.clear();
  }
}
