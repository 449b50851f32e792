/** The emulator's access tokens: JWTs signed with HS256 under a per-emulator key. */

import { createHmac, timingSafeEqual } from 'node:crypto';

export interface AccessTokenClaims {
  aud: string;
  iss: string;
  iat: number;
  nbf: number;
  exp: number;
  appid: string;
  oid: string;
  tid: string;
  sub: string;
  idtyp: 'app';
  [claim: string]: unknown;
}

const b64url = (s: string | Buffer): string => Buffer.from(s).toString('base64url');

export function signToken(claims: AccessTokenClaims, key: Buffer): string {
  const head = b64url(JSON.stringify({ typ: 'JWT', alg: 'HS256', kid: 'azure-emulator' }));
  const body = b64url(JSON.stringify(claims));
  const sig = createHmac('sha256', key).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

export type TokenCheck =
  | { ok: true; claims: AccessTokenClaims }
  | { ok: false; reason: 'missing' | 'invalid' | 'expired'; exp?: number };

/** Verify an `Authorization: Bearer …` header value against the emulator's key and the clock. */
export function verifyBearer(
  header: string | undefined,
  key: Buffer,
  nowSec = Date.now() / 1000,
): TokenCheck {
  if (!header) return { ok: false, reason: 'missing' };
  const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
  const token = m?.[1];
  if (!token) return { ok: false, reason: 'invalid' };
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'invalid' };
  const [head, body, sig] = parts as [string, string, string];
  const expected = createHmac('sha256', key).update(`${head}.${body}`).digest();
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'invalid' };
  let claims: AccessTokenClaims;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as AccessTokenClaims;
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (typeof claims.exp !== 'number' || claims.exp <= nowSec)
    return { ok: false, reason: 'expired', exp: claims.exp };
  if (typeof claims.nbf === 'number' && claims.nbf > nowSec + 300) return { ok: false, reason: 'invalid' };
  return { ok: true, claims };
}

/** Decode a JWT's payload without verifying it (tests, diagnostics). */
export function decodeToken(token: string): Record<string, unknown> {
  const body = token.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
}
