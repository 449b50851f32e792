/**
 * One measurement: autocannon with N keep-alive connections POSTing the same request for S
 * seconds. Latencies are collected from autocannon's per-response event (sub-millisecond; its
 * own histogram keeps whole milliseconds); only 2xx answers count towards throughput and latency.
 */
import autocannon from 'autocannon';
import { percentile } from './stats';

export interface HttpRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface Sample {
  /** 2xx answers per second of the measurement. */
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  non2xx: number;
  /** Connection errors and timeouts (autocannon counts a timeout as an error too). */
  errors: number;
  timeouts: number;
  statuses: Record<string, number>;
}

export async function load(
  baseUrl: string,
  request: HttpRequest,
  seconds: number,
  connections: number,
): Promise<Sample> {
  let times = new Float64Array(1 << 16);
  let n = 0;
  const started = performance.now();
  const instance = autocannon({
    url: `${baseUrl}${request.path}`,
    method: 'POST',
    headers: request.headers,
    body: request.body,
    connections,
    duration: seconds,
    timeout: 10,
  });
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status < 200 || status > 299) return;
    if (n === times.length) {
      const bigger = new Float64Array(times.length * 2);
      bigger.set(times);
      times = bigger;
    }
    times[n++] = ms;
  });
  const r = await instance;
  const elapsed = (performance.now() - started) / 1000;
  const sorted = times.subarray(0, n).sort();
  const statuses: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(r.statusCodeStats)) statuses[code] = count;
  return {
    rps: n / elapsed,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    ok: n,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statuses,
  };
}
