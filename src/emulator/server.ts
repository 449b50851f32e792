/** The emulator's HTTPS server: records each request, applies faults, then routes by path. */

import { randomBytes } from 'node:crypto';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { handleArm } from './arm';
import { noRoute } from './arm-common';
import { handleAuthority } from './authority';
import { type Fault, type FaultInjector, FaultList } from './faults';
import { handleGraph } from './graph';
import {
  aadErrorBody,
  armHeaders,
  type Ctx,
  dialectOf,
  type EmulatorState,
  graphErrorBody,
  parseTarget,
  type RequestRecord,
  type Service,
  sendJson,
  serviceOf,
} from './http';
import { sampleWorld } from './sample-world';
import {
  DEFAULT_THROTTLE,
  type QuotaOptions,
  QuotaWindow,
  RESOURCE_GRAPH_QUOTA,
  ReadThrottle,
  type ThrottleOptions,
} from './throttle';
import { makeTestCertificate } from './tls';
import type { World } from './world';

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default: a fresh sampleWorld(). */
  world?: World;
  /** PEMs; when absent a self-signed certificate for 127.0.0.1 and localhost is made at start. */
  tls?: { key: string; cert: string };
  /** ARM read throttling per subscription and principal; default 250 reads refilling 25/s; false = off. */
  throttle?: ThrottleOptions | false;
  /**
   * Resource Graph's per-principal quota (15 queries per 5 s), always reported in
   * `x-ms-user-quota-remaining` / `x-ms-user-quota-resets-after`. Enforced (429 RateLimiting) only
   * when given here: `true` for the real quota, or other numbers.
   */
  resourceGraphThrottle?: QuotaOptions | boolean;
}

/** Which recorded requests to count: every given field must match. */
export interface RequestMatch {
  method?: string;
  service?: Service;
  /** A string matches case-insensitively as a substring of the target (query included); a RegExp is tested on it. */
  path?: string | RegExp;
  status?: number;
}

export interface Emulator {
  /** `https://127.0.0.1:PORT`, no trailing slash. */
  url: string;
  authorityHost: string;
  armEndpoint: string;
  graphEndpoint: string;
  /** The certificate to trust (NODE_EXTRA_CA_CERTS, or `ca` of an https request). */
  caPem: string;
  /** Live fixtures: changes apply to the next request. */
  world: World;
  faults: FaultInjector;
  /** Every request received, in order (method, raw target, time, service, status once answered). */
  requests: RequestRecord[];
  /** How many recorded requests match (all of them without an argument). */
  countRequests(match?: RequestMatch): number;
  /** Forgets the recorded requests (the `requests` array is emptied in place). */
  clearRequests(): void;
  close(): Promise<void>;
}

const ARM_ROOTS = new Set(['subscriptions', 'providers', 'tenants']);

async function route(ctx: Ctx): Promise<void> {
  if (await handleAuthority(ctx)) return;
  const first = ctx.segments[0]?.toLowerCase() ?? '';
  if (first === 'v1.0') return handleGraph(ctx);
  if (ARM_ROOTS.has(first)) return handleArm(ctx);
  armHeaders(ctx);
  noRoute(ctx);
}

const ARM_FAULT_CODES: Record<number, string> = {
  400: 'BadRequest',
  401: 'InvalidAuthenticationToken',
  403: 'AuthorizationFailed',
  404: 'NotFound',
  408: 'RequestTimeout',
  409: 'Conflict',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};
const GRAPH_FAULT_CODES: Record<number, string> = {
  403: 'Authorization_RequestDenied',
  404: 'Request_ResourceNotFound',
  429: 'TooManyRequests',
  500: 'generalException',
  503: 'serviceNotAvailable',
  504: 'UnknownError',
};

function faultBody(ctx: Ctx, status: number): unknown {
  const dialect = dialectOf(ctx.path);
  const text =
    status === 429 ? 'Too many requests; retry later.' : `The service answered ${status} (injected fault).`;
  if (dialect === 'aad') {
    return status === 429 || status >= 500
      ? aadErrorBody('temporarily_unavailable', 90033, 'A transient error has occurred. Please try again.')
      : aadErrorBody('invalid_request', 90000, text);
  }
  if (dialect === 'graph') return graphErrorBody(GRAPH_FAULT_CODES[status] ?? 'BadRequest', text);
  return { error: { code: ARM_FAULT_CODES[status] ?? `Http${status}`, message: text } };
}

function matchesRequest(r: RequestRecord, m: RequestMatch): boolean {
  if (m.method && m.method.toUpperCase() !== r.method) return false;
  if (m.service && m.service !== r.service) return false;
  if (m.status !== undefined && m.status !== r.status) return false;
  if (m.path === undefined) return true;
  if (typeof m.path === 'string') return r.path.toLowerCase().includes(m.path.toLowerCase());
  m.path.lastIndex = 0;
  return m.path.test(r.path);
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const tls = opts.tls ?? (await makeTestCertificate());
  const host = opts.host ?? '127.0.0.1';
  const faults = new FaultList();
  const state: EmulatorState = {
    url: '',
    world: opts.world ?? sampleWorld(),
    faults,
    throttle: opts.throttle === false ? null : new ReadThrottle(opts.throttle ?? DEFAULT_THROTTLE),
    graphQuota: new QuotaWindow(
      typeof opts.resourceGraphThrottle === 'object' ? opts.resourceGraphThrottle : RESOURCE_GRAPH_QUOTA,
    ),
    enforceGraphQuota: !!opts.resourceGraphThrottle,
    signingKey: randomBytes(32),
    requests: [],
  };
  const timers = new Set<NodeJS.Timeout>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  /** Applies a fault; true when the request has been answered (or dropped) by it. */
  async function applyFault(ctx: Ctx, f: Fault): Promise<boolean> {
    if (f.delayMs) await sleep(f.delayMs);
    if (ctx.req.socket.destroyed) return true;
    if (f.drop) {
      ctx.req.socket.destroy();
      return true;
    }
    if (f.status === undefined) return false;
    if (dialectOf(ctx.path) === 'arm') armHeaders(ctx);
    const headers: Record<string, string> = {};
    if (f.retryAfter !== undefined) headers['retry-after'] = String(f.retryAfter);
    if (f.status === 429 && dialectOf(ctx.path) === 'arm')
      headers['x-ms-ratelimit-remaining-subscription-reads'] = '0';
    sendJson(ctx, f.status, f.body ?? faultBody(ctx, f.status), headers);
    return true;
  }

  const server = https.createServer({ key: tls.key, cert: tls.cert, keepAlive: true }, (req, res) => {
    const rawUrl = req.url ?? '/';
    const method = (req.method ?? 'GET').toUpperCase();
    const record: RequestRecord = { method, path: rawUrl, at: Date.now(), service: serviceOf(rawUrl) };
    state.requests.push(record);
    res.once('finish', () => {
      record.status = res.statusCode;
    });
    const ctx: Ctx = { state, req, res, method, ...parseTarget(rawUrl), headers: {} };
    const run = async () => {
      const fault = faults.take(method, rawUrl);
      if (fault && (await applyFault(ctx, fault))) return;
      await route(ctx);
    };
    run().catch((err: unknown) => {
      if (dialectOf(ctx.path) === 'arm') armHeaders(ctx);
      sendJson(ctx, 500, {
        error: { code: 'InternalServerError', message: `Emulator error: ${String(err)}` },
      });
    });
  });
  server.on('tlsClientError', () => {
    // a client that does not trust the certificate hangs up; nothing to do
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  state.url = `https://${urlHost}:${port}`;

  return {
    url: state.url,
    authorityHost: state.url,
    armEndpoint: state.url,
    graphEndpoint: state.url,
    caPem: tls.cert,
    get world() {
      return state.world;
    },
    set world(w: World) {
      state.world = w;
    },
    faults,
    requests: state.requests,
    countRequests: (match = {}) => state.requests.filter((r) => matchesRequest(r, match)).length,
    clearRequests: () => {
      state.requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
