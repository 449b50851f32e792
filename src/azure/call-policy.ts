import { setMaxListeners } from 'node:events';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';

/**
 * How hard and how long the bot tries Azure: the one place where retries, backoff and
 * deadlines are tuned. A chat turn must never hang behind a large Retry-After.
 */
export interface CallPolicy {
  /** Deadline of each verification stage, in ms. */
  stageDeadlineMs: number;
  /** Deadline of a whole inventory read, in ms. */
  inventoryDeadlineMs: number;
  /** Retries of one request (5xx, 408, short 429/503 waits, dropped connections). */
  maxRetries: number;
  retryDelayInMs: number;
  maxRetryDelayInMs: number;
  /** A Retry-After longer than this ends the call at once as `throttled`. */
  maxRetryAfterSeconds: number;
  /** Page size asked of resources.list. */
  pageSize: number;
}

export const DEFAULT_CALL_POLICY: CallPolicy = {
  stageDeadlineMs: 20_000,
  inventoryDeadlineMs: 10 * 60_000,
  maxRetries: 3,
  retryDelayInMs: 500,
  maxRetryDelayInMs: 4_000,
  maxRetryAfterSeconds: 10,
  pageSize: 1000,
};

/** Thrown by the throttle guard: Azure asked for a longer wait than the policy allows. */
export class ThrottledByAzure extends Error {
  override readonly name = 'ThrottledByAzure';
  constructor(
    readonly retryAfterSeconds: number,
    readonly status: number,
  ) {
    super(`Azure asked to retry after ${retryAfterSeconds} s (HTTP ${status})`);
  }
}

/** Seconds from a Retry-After header (delta-seconds or HTTP date), or from the ms variants. */
export function retryAfterSeconds(headers: {
  get(name: string): string | undefined | null;
}): number | undefined {
  const ms = headers.get('retry-after-ms') ?? headers.get('x-ms-retry-after-ms');
  if (ms && /^\d+$/.test(ms)) return Math.ceil(Number(ms) / 1000);
  const v = headers.get('retry-after');
  if (!v) return undefined;
  if (/^\d+$/.test(v.trim())) return Number(v.trim());
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/**
 * A per-retry pipeline policy: a 429/503 whose Retry-After exceeds the policy ends the
 * call now (the SDK alone would sleep that long, uncapped). `onThrottled` hears of it even
 * when a client wraps the error beyond recognition (MSAL turns it into a network_error).
 */
export function throttleGuardPolicy(
  policy: CallPolicy,
  onThrottled?: (error: ThrottledByAzure) => void,
): PipelinePolicy {
  return {
    name: 'ostoThrottleGuard',
    async sendRequest(request, next) {
      const response = await next(request);
      if (response.status === 429 || response.status === 503) {
        const wait = retryAfterSeconds(response.headers);
        if (wait !== undefined && wait > policy.maxRetryAfterSeconds) {
          const error = new ThrottledByAzure(wait, response.status);
          onThrottled?.(error);
          throw error;
        }
      }
      return response;
    },
  };
}

/** An AbortSignal that fires at the deadline or when the caller's signal does. */
export function deadlineSignal(ms: number, outer?: AbortSignal): AbortSignal {
  const timer = AbortSignal.timeout(ms);
  const signal = outer ? AbortSignal.any([timer, outer]) : timer;
  // One deadline is shared by every request of a sync (16 sub-resource reads at once, each
  // listening): not a leak, so no MaxListenersExceededWarning.
  setMaxListeners(0, signal);
  return signal;
}

export class DeadlineExceeded extends Error {
  override readonly name = 'DeadlineExceeded';
  constructor(readonly deadlineMs: number) {
    super(`no answer within ${Math.round(deadlineMs / 1000)} s`);
  }
}

/**
 * Races a call against its signal, so a client that ignores the signal still cannot hold
 * the turn past the deadline.
 */
export async function withDeadline<T>(
  signal: AbortSignal,
  deadlineMs: number,
  run: () => Promise<T>,
): Promise<T> {
  if (signal.aborted) throw new DeadlineExceeded(deadlineMs);
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new DeadlineExceeded(deadlineMs));
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([run(), aborted]);
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}
