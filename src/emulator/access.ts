/** Bearer-token checks for ARM and Graph, with each service's own 401 bodies. */

import { armError, type Ctx, graphError } from './http';
import { type AccessTokenClaims, verifyBearer } from './jwt';
import { findApp } from './world';

const ARM_AUDIENCES = [
  'https://management.azure.com',
  'https://management.azure.com/',
  'https://management.core.windows.net',
  'https://management.core.windows.net/',
];
const GRAPH_AUDIENCES = [
  'https://graph.microsoft.com',
  'https://graph.microsoft.com/',
  '00000003-0000-0000-c000-000000000000',
];

function audiences(ctx: Ctx, known: string[]): string[] {
  return [ctx.state.url, `${ctx.state.url}/`, ...known];
}

const utc = (sec: number): string => new Date(sec * 1000).toISOString().replace('T', ' ').slice(0, 19);

/** The caller's token claims, or undefined after answering 401 the way ARM does. */
export function authenticateArm(ctx: Ctx): AccessTokenClaims | undefined {
  const check = verifyBearer(ctx.req.headers.authorization, ctx.state.signingKey);
  if (!check.ok) {
    const now = Math.floor(Date.now() / 1000);
    const message =
      check.reason === 'missing'
        ? "Authentication failed. The 'Authorization' header is missing."
        : check.reason === 'expired'
          ? `The access token expiry UTC time '${utc(check.exp ?? 0)}' is earlier than current UTC time '${utc(now)}'.`
          : 'The access token is invalid.';
    armError(ctx, 401, 'InvalidAuthenticationToken', message);
    return undefined;
  }
  const allowed = audiences(ctx, ARM_AUDIENCES);
  if (!allowed.includes(check.claims.aud)) {
    armError(
      ctx,
      401,
      'InvalidAuthenticationToken',
      `The access token has been obtained for wrong audience or resource '${check.claims.aud}'. It should exactly match with one of the allowed audiences '${allowed.join("','")}'.`,
    );
    return undefined;
  }
  return check.claims;
}

/** The caller's token claims, or undefined after answering 401 the way Microsoft Graph does. */
export function authenticateGraph(ctx: Ctx): AccessTokenClaims | undefined {
  const check = verifyBearer(ctx.req.headers.authorization, ctx.state.signingKey);
  if (!check.ok) {
    const message =
      check.reason === 'missing'
        ? 'Access token is empty.'
        : check.reason === 'expired'
          ? 'Lifetime validation failed, the token is expired.'
          : 'Access token validation failure.';
    graphError(ctx, 401, 'InvalidAuthenticationToken', message);
    return undefined;
  }
  if (!audiences(ctx, GRAPH_AUDIENCES).includes(check.claims.aud)) {
    graphError(ctx, 401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.');
    return undefined;
  }
  return check.claims;
}

/** The application id to name in AuthorizationFailed messages (the token's appid, or its oid). */
export function callerAppId(ctx: Ctx, claims: AccessTokenClaims): string {
  return findApp(ctx.state.world, claims.tid, claims.appid)?.appId ?? claims.appid ?? claims.oid;
}
