/** Microsoft Graph: applications and their password credentials (for secret expiry). */

import { createHash, randomUUID } from 'node:crypto';
import { authenticateGraph } from './access';
import { type Ctx, graphError, sendJson } from './http';
import { type App, findApp } from './world';

/** The application object's id (not the client id), stable for an app id. */
export function applicationObjectId(appId: string): string {
  const h = createHash('sha1').update(`application:${appId.toLowerCase()}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-9${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function applicationJson(app: App): Record<string, unknown> {
  return {
    id: applicationObjectId(app.appId),
    appId: app.appId,
    displayName: app.displayName,
    signInAudience: 'AzureADMyOrg',
    createdDateTime: '2024-01-15T09:30:00Z',
    keyCredentials: [],
    passwordCredentials: app.secrets.map((s) => ({
      customKeyIdentifier: null,
      displayName: s.displayName,
      endDateTime: s.endDateTime,
      hint: s.value.slice(0, 3),
      keyId: s.keyId,
      secretText: null,
      startDateTime: s.startDateTime ?? new Date(Date.parse(s.endDateTime) - 365 * 86_400_000).toISOString(),
    })),
  };
}

function select(obj: Record<string, unknown>, raw: string | undefined): Record<string, unknown> {
  if (!raw) return obj;
  const fields = raw.split(',').map((f) => f.trim());
  return Object.fromEntries(fields.filter((f) => f in obj).map((f) => [f, obj[f]]));
}

const CONTEXT = 'https://graph.microsoft.com/v1.0/$metadata#applications';

/** Handles `/v1.0/applications…`; other Graph paths answer 400 like Graph does for unknown segments. */
export function handleGraph(ctx: Ctx): void {
  const cid = ctx.req.headers['client-request-id'];
  ctx.headers['request-id'] = randomUUID();
  ctx.headers['client-request-id'] = typeof cid === 'string' && cid ? cid : randomUUID();
  ctx.headers['odata-version'] = '4.0';

  const rest = ctx.path.replace(/^\/v1\.0\//i, '');
  const byAppId = /^applications\(appId='([^']+)'\)$/i.exec(rest);
  const byObjectId = /^applications\/([^/]+)$/i.exec(rest);
  const list = /^applications$/i.test(rest);
  if (!byAppId && !byObjectId && !list) {
    graphError(ctx, 400, 'BadRequest', `Resource not found for the segment '${rest.split('/')[0]}'.`);
    return;
  }
  if (ctx.method !== 'GET') {
    graphError(
      ctx,
      405,
      'Request_BadRequest',
      'Specified HTTP method is not allowed for the request target.',
    );
    return;
  }
  const claims = authenticateGraph(ctx);
  if (!claims) return;
  const world = ctx.state.world;
  const caller = findApp(world, claims.tid, claims.appid);
  if (!caller?.graphReadAll) {
    graphError(ctx, 403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    return;
  }
  const $select = ctx.query.get('$select');
  const tenantApps = world.apps.filter((a) => a.tenantId.toLowerCase() === claims.tid.toLowerCase());

  if (list) {
    const m = /^appId\s+eq\s+'([^']+)'$/i.exec(ctx.query.get('$filter')?.trim() ?? '');
    const apps = m?.[1]
      ? tenantApps.filter((a) => a.appId.toLowerCase() === m[1]?.toLowerCase())
      : tenantApps;
    const suffix = $select ? `(${$select})` : '';
    sendJson(ctx, 200, {
      '@odata.context': `${CONTEXT}${suffix}`,
      value: apps.map((a) => select(applicationJson(a), $select)),
    });
    return;
  }
  const key = (byAppId?.[1] ?? byObjectId?.[1] ?? '').toLowerCase();
  const app = byAppId
    ? tenantApps.find((a) => a.appId.toLowerCase() === key)
    : tenantApps.find((a) => applicationObjectId(a.appId) === key);
  if (!app) {
    graphError(
      ctx,
      404,
      'Request_ResourceNotFound',
      `Resource '${byAppId ? `appId='${key}'` : key}' does not exist or one of its queried reference-property objects are not present.`,
    );
    return;
  }
  const suffix = $select ? `(${$select})` : '';
  sendJson(ctx, 200, {
    '@odata.context': `${CONTEXT}${suffix}/$entity`,
    ...select(applicationJson(app), $select),
  });
}
