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

export interface QuotaOptions {
  /** Requests per window and principal (Resource Graph: 15). */
  limit: number;
  /** Window length in seconds (Resource Graph: 5). */
  windowSeconds: number;
}

export const RESOURCE_GRAPH_QUOTA: QuotaOptions = { limit: 15, windowSeconds: 5 };

export type QuotaResult = {
  /** False once the window's quota is spent (only enforced when the caller chooses to). */
  ok: boolean;
  remaining: number;
  /** Milliseconds until the window resets. */
  resetsInMs: number;
};

/**
 * Resource Graph's per-user quota: a fixed window per principal, reported in
 * `x-ms-user-quota-remaining` and `x-ms-user-quota-resets-after`.
 */
export class QuotaWindow {
  private readonly windows = new Map<string, { start: number; used: number }>();

  constructor(
    private readonly opts: QuotaOptions,
    private readonly now: () => number = Date.now,
  ) {}

  take(principalId: string): QuotaResult {
    const key = principalId.toLowerCase();
    const t = this.now();
    const windowMs = this.opts.windowSeconds * 1000;
    let w = this.windows.get(key);
    if (!w || t - w.start >= windowMs) {
      w = { start: t, used: 0 };
      this.windows.set(key, w);
    }
    const resetsInMs = Math.max(0, w.start + windowMs - t);
    if (w.used >= this.opts.limit) return { ok: false, remaining: 0, resetsInMs };
    w.used += 1;
    return { ok: true, remaining: this.opts.limit - w.used, resetsInMs };
  }
}

/** `hh:mm:ss` as Resource Graph writes `x-ms-user-quota-resets-after`. */
export function hms(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(Math.floor(total / 3600))}:${two(Math.floor(total / 60) % 60)}:${two(total % 60)}`;
}
