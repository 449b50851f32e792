/** Injectable faults: a list of rules checked, in order, before any request is handled. */

export interface Fault {
  /** HTTP method to match (case-insensitive); any method when absent. */
  method?: string;
  /**
   * A string matches case-insensitively (ARM paths are) as a substring of the request target, query
   * included, as received or with repeated slashes collapsed: `/providers/Microsoft.Sql/` hits every
   * SQL endpoint, `/providers/Microsoft.ResourceGraph/` every Resource Graph query. A RegExp is tested
   * on the target as received.
   */
  path: string | RegExp;
  /** Answer with this status and a realistic error body for the service the path belongs to. */
  status?: number;
  /** Seconds, sent as `Retry-After` with `status`. */
  retryAfter?: number;
  /** Wait this long first; alone, the request is then handled normally. */
  delayMs?: number;
  /** Destroy the socket without answering (after `delayMs`, if any). */
  drop?: boolean;
  /** How many requests this fault applies to; default Infinity. */
  times?: number;
  /** Response body to send with `status` instead of the realistic default. */
  body?: unknown;
}

export interface FaultInjector {
  add(f: Fault): void;
  clear(): void;
}

interface ActiveFault {
  fault: Fault;
  remaining: number;
}

export class FaultList implements FaultInjector {
  private active: ActiveFault[] = [];

  add(f: Fault): void {
    const remaining = f.times ?? Number.POSITIVE_INFINITY;
    if (remaining > 0) this.active.push({ fault: f, remaining });
  }

  clear(): void {
    this.active = [];
  }

  /** The first fault matching the request, counted as used; undefined when none applies. */
  take(method: string, rawTarget: string): Fault | undefined {
    const i = this.active.findIndex(({ fault }) => matches(fault, method, rawTarget));
    const hit = this.active[i];
    if (!hit) return undefined;
    hit.remaining -= 1;
    if (hit.remaining <= 0) this.active.splice(i, 1);
    return hit.fault;
  }
}

function matches(f: Fault, method: string, rawTarget: string): boolean {
  if (f.method && f.method.toUpperCase() !== method.toUpperCase()) return false;
  if (typeof f.path === 'string') {
    const needle = f.path.toLowerCase();
    const target = rawTarget.toLowerCase();
    return target.includes(needle) || target.replace(/\/{2,}/g, '/').includes(needle);
  }
  f.path.lastIndex = 0;
  return f.path.test(rawTarget);
}
