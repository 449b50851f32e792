/**
 * Real HTTPS requests to an emulator, trusting its certificate through `ca` (Node's fetch cannot take a
 * CA at runtime). Paths are sent verbatim, so `//subscriptions/…` reaches the server as the SDK sends it.
 */

import type { IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { Emulator } from '../../src/emulator';

export interface HttpResult {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  body<T = Record<string, unknown>>(): T;
}

export interface RequestOptions {
  token?: string;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as application/x-www-form-urlencoded. */
  form?: Record<string, string>;
}

/** `target` is a path (sent as is) or an absolute URL on the emulator's origin (e.g. a nextLink). */
export function request(
  emu: Emulator,
  method: string,
  target: string,
  opts: RequestOptions = {},
): Promise<HttpResult> {
  const origin = new URL(emu.url);
  const path = target.startsWith('https://') ? target.slice(emu.url.length) : target;
  const headers: Record<string, string> = { ...opts.headers };
  let payload: string | undefined;
  if (opts.json !== undefined) {
    payload = JSON.stringify(opts.json);
    headers['content-type'] = 'application/json';
  } else if (opts.form) {
    payload = new URLSearchParams(opts.form).toString();
    headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
  if (opts.token) headers['authorization'] = `Bearer ${opts.token}`;
  return new Promise((resolve, reject) => {
    const req = https.request(
      { host: origin.hostname, port: origin.port, method, path, headers, ca: emu.caPem, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            body: <T>() => JSON.parse(text) as T,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export const get = (emu: Emulator, target: string, token?: string): Promise<HttpResult> =>
  request(emu, 'GET', target, token ? { token } : {});

export interface ClientCredential {
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

/** POSTs a client-credentials request to the token endpoint; the raw result. */
export function tokenRequest(
  emu: Emulator,
  c: ClientCredential,
  scope = `${emu.url}/.default`,
): Promise<HttpResult> {
  return request(emu, 'POST', `/${c.tenantId}/oauth2/v2.0/token`, {
    form: { grant_type: 'client_credentials', client_id: c.clientId, client_secret: c.clientSecret, scope },
  });
}

/** An access token for the credential, or a thrown error with the AAD body. */
export async function tokenFor(emu: Emulator, c: ClientCredential, scope?: string): Promise<string> {
  const r = await tokenRequest(emu, c, scope);
  if (r.status !== 200) throw new Error(`token ${r.status}: ${r.text}`);
  return r.body<{ access_token: string }>().access_token;
}

export interface ArmErrorBody {
  error: { code: string; message: string };
}
