/** Request context, raw-URL parsing and the three error-body dialects (ARM, Entra ID, Graph). */

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultList } from './faults';
import type { QuotaWindow, ReadThrottle } from './throttle';
import type { World } from './world';

/** Which service a request went to: Entra ID, Microsoft Graph, ARM, or ARM's Resource Graph. */
export type Service = 'aad' | 'graph' | 'arm' | 'resource-graph';

export interface RequestRecord {
  method: string;
  /** The request target exactly as received, query included (e.g. `//subscriptions/…?api-version=…`). */
  path: string;
  /** Epoch milliseconds. */
  at: number;
  service: Service;
  /** The status answered; absent until the answer is written (or when the connection was dropped). */
  status?: number;
}

export interface EmulatorState {
  url: string;
  world: World;
  faults: FaultList;
  throttle: ReadThrottle | null;
  /** Resource Graph's per-principal quota, counted for its headers. */
  graphQuota: QuotaWindow;
  /** Answer 429 once the Resource Graph quota is spent (off unless asked for). */
  enforceGraphQuota: boolean;
  signingKey: Buffer;
  requests: RequestRecord[];
}

/** Query parameters with case-insensitive names (`$top`, `$Top` and `%24top` are the same). */
export class Query {
  private readonly params = new Map<string, string>();

  constructor(raw: string) {
    for (const [k, v] of new URLSearchParams(raw)) {
      const key = k.toLowerCase();
      if (!this.params.has(key)) this.params.set(key, v);
    }
  }

  get(name: string): string | undefined {
    return this.params.get(name.toLowerCase());
  }
}

export interface Ctx {
  state: EmulatorState;
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  /** Path without query: percent-decoded, repeated slashes collapsed, no trailing slash. */
  path: string;
  /** `path` split on `/`, without the empty leading element. */
  segments: string[];
  query: Query;
  /** Headers added to whatever response this request gets. */
  headers: Record<string, string>;
}

export type Dialect = 'aad' | 'graph' | 'arm';

/**
 * Parse a raw request target without `new URL(path, base)`: the ARM SDK sends `//subscriptions/…`,
 * which the URL parser would read as a host name.
 */
export function parseTarget(rawUrl: string): { path: string; segments: string[]; query: Query } {
  const q = rawUrl.indexOf('?');
  const rawPath = q < 0 ? rawUrl : rawUrl.slice(0, q);
  let path = rawPath.replace(/\/{2,}/g, '/');
  try {
    path = decodeURIComponent(path);
  } catch {
    // keep the raw form when the encoding is broken
  }
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  if (!path.startsWith('/')) path = `/${path}`;
  const segments = path
    .split('/')
    .slice(1)
    .filter((s) => s !== '');
  return { path, segments, query: new Query(q < 0 ? '' : rawUrl.slice(q + 1)) };
}

/** The service a request target belongs to (path with or without query). */
export function serviceOf(target: string): Service {
  const dialect = dialectOf(target);
  if (dialect !== 'arm') return dialect;
  return /^\/providers\/microsoft\.resourcegraph\//i.test(target.replace(/\/{2,}/g, '/'))
    ? 'resource-graph'
    : 'arm';
}

/** Which service a path belongs to, for realistic error bodies. */
export function dialectOf(path: string): Dialect {
  const p = path.replace(/\/{2,}/g, '/').toLowerCase();
  if (p.startsWith('/v1.0/') || p.startsWith('/beta/')) return 'graph';
  if (/^\/[^/]+\/(oauth2|discovery|v2\.0\/\.well-known|\.well-known)(\/|$)/.test(p)) return 'aad';
  return 'arm';
}

export function sendJson(
  ctx: Ctx,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (ctx.res.headersSent || ctx.res.destroyed) return;
  const payload = JSON.stringify(body);
  ctx.res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(payload)),
    ...ctx.headers,
    ...headers,
  });
  ctx.res.end(payload);
}

export function readBody(req: IncomingMessage, limit = 1024 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Headers every ARM response carries. */
export function armHeaders(ctx: Ctx): void {
  const corr = ctx.req.headers['x-ms-correlation-request-id'];
  ctx.headers['x-ms-request-id'] = randomUUID();
  ctx.headers['x-ms-correlation-request-id'] = typeof corr === 'string' && corr ? corr : randomUUID();
  ctx.headers['x-ms-routing-request-id'] = `EMULATOR:${new Date().toISOString().replace(/[-:.]/g, '')}`;
}

export function armError(
  ctx: Ctx,
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
) {
  sendJson(ctx, status, { error: { code, message } }, headers);
}

/** Entra ID's timestamp format: `2024-05-01 12:34:56Z`. */
function aadTimestamp(d = new Date()): string {
  return `${d.toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

/** An Entra ID (AAD) OAuth error body, as login.microsoftonline.com writes it. */
export function aadErrorBody(error: string, aadsts: number, text: string) {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = aadTimestamp();
  return {
    error,
    error_description: `AADSTS${aadsts}: ${text} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [aadsts],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${aadsts}`,
  };
}

export function aadError(ctx: Ctx, status: number, error: string, aadsts: number, text: string) {
  sendJson(ctx, status, aadErrorBody(error, aadsts, text), { 'cache-control': 'no-store, no-cache' });
}

export function graphErrorBody(code: string, message: string, clientRequestId?: string) {
  return {
    error: {
      code,
      message,
      innerError: {
        date: new Date().toISOString().slice(0, 19),
        'request-id': randomUUID(),
        'client-request-id': clientRequestId ?? randomUUID(),
      },
    },
  };
}

export function graphError(ctx: Ctx, status: number, code: string, message: string) {
  const cid = ctx.req.headers['client-request-id'];
  sendJson(ctx, status, graphErrorBody(code, message, typeof cid === 'string' ? cid : undefined));
}

/** The caller's own origin-relative link made absolute on the emulator's origin. */
export function absolute(ctx: Ctx, pathAndQuery: string): string {
  return `${ctx.state.url}${pathAndQuery}`;
}
