/** Entra ID (the authority): OpenID configuration, JWKS and the client-credentials token endpoint. */

import { randomUUID, timingSafeEqual } from 'node:crypto';
import { aadError, type Ctx, readBody, sendJson } from './http';
import { signToken } from './jwt';
import { findApp, findTenant, type Tenant } from './world';

const TOKEN_LIFETIME_SEC = 3599;

/** Handles the request when it is an authority path; false when it is not one. */
export async function handleAuthority(ctx: Ctx): Promise<boolean> {
  const [tenantRef, ...rest] = ctx.segments;
  if (!tenantRef) return false;
  const tail = rest.join('/').toLowerCase();
  const isConfig =
    tail === 'v2.0/.well-known/openid-configuration' || tail === '.well-known/openid-configuration';
  const isToken = tail === 'oauth2/v2.0/token';
  const isKeys = tail === 'discovery/v2.0/keys' || tail === 'discovery/keys';
  if (!isConfig && !isToken && !isKeys) return false;

  const cid = ctx.req.headers['client-request-id'];
  ctx.headers['x-ms-request-id'] = randomUUID();
  ctx.headers['client-request-id'] = typeof cid === 'string' && cid ? cid : randomUUID();
  ctx.headers['x-ms-ests-server'] = 'azure-emulator';

  const tenant = findTenant(ctx.state.world, tenantRef);
  if (isConfig) {
    if (ctx.method !== 'GET') return methodNotAllowed(ctx, 'GET');
    if (!tenant) return tenantNotFound(ctx, tenantRef);
    sendJson(ctx, 200, openIdConfiguration(ctx.state.url, tenant));
  } else if (isKeys) {
    if (ctx.method !== 'GET') return methodNotAllowed(ctx, 'GET');
    sendJson(ctx, 200, { keys: [] });
  } else {
    if (ctx.method !== 'POST') return methodNotAllowed(ctx, 'POST');
    await token(ctx, tenantRef, tenant);
  }
  return true;
}

function methodNotAllowed(ctx: Ctx, allowed: string): true {
  aadError(
    ctx,
    405,
    'invalid_request',
    900561,
    `The endpoint only accepts ${allowed}, OPTIONS requests. Received a ${ctx.method} request.`,
  );
  return true;
}

function tenantNotFound(ctx: Ctx, tenantRef: string): true {
  aadError(
    ctx,
    400,
    'invalid_tenant',
    90002,
    `Tenant '${tenantRef}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
  );
  return true;
}

export function openIdConfiguration(url: string, tenant: Tenant) {
  const base = `${url}/${tenant.id}`;
  return {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${base}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${url}/oidc/userinfo`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'tid', 'ver', 'oid'],
    kerberos_endpoint: `${base}/kerberos`,
    tenant_region_scope: 'EU',
    cloud_instance_name: 'microsoftonline.com',
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: 'graph.microsoft.com',
    rbac_url: 'https://pas.windows.net',
  };
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** client_id/client_secret from the form, or from HTTP Basic auth. */
function clientCredentials(ctx: Ctx, form: URLSearchParams): { clientId?: string; secret?: string } {
  const basic = /^Basic\s+(\S+)$/i.exec(ctx.req.headers.authorization ?? '');
  if (basic?.[1]) {
    const [id, secret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
    return { clientId: decodeURIComponent(id ?? ''), secret: decodeURIComponent(secret ?? '') };
  }
  return { clientId: form.get('client_id') ?? undefined, secret: form.get('client_secret') ?? undefined };
}

async function token(ctx: Ctx, tenantRef: string, tenant: Tenant | undefined): Promise<void> {
  const form = new URLSearchParams(await readBody(ctx.req));
  if (!tenant) {
    tenantNotFound(ctx, tenantRef);
    return;
  }
  const grant = form.get('grant_type');
  if (grant !== 'client_credentials') {
    aadError(
      ctx,
      400,
      'unsupported_grant_type',
      70003,
      `The app requested an unsupported grant type '${grant ?? ''}'.`,
    );
    return;
  }
  const { clientId, secret } = clientCredentials(ctx, form);
  if (!clientId) {
    aadError(
      ctx,
      400,
      'invalid_request',
      900144,
      "The request body must contain the following parameter: 'client_id'.",
    );
    return;
  }
  const app = findApp(ctx.state.world, tenant.id, clientId);
  if (!app) {
    aadError(
      ctx,
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${tenant.displayName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    );
    return;
  }
  if (!secret) {
    aadError(
      ctx,
      401,
      'invalid_client',
      7000216,
      "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type.",
    );
    return;
  }
  const matched = app.secrets.find((s) => sameSecret(s.value, secret));
  if (!matched) {
    aadError(
      ctx,
      401,
      'invalid_client',
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.appId}'.`,
    );
    return;
  }
  if (Date.parse(matched.endDateTime) <= Date.now()) {
    aadError(
      ctx,
      401,
      'invalid_client',
      7000222,
      `The provided client secret keys for app '${app.appId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`,
    );
    return;
  }
  const scopes = (form.get('scope') ?? '').split(/\s+/).filter(Boolean);
  const scope = scopes.find((s) => s.endsWith('/.default'));
  if (!scope) {
    aadError(
      ctx,
      400,
      'invalid_scope',
      1002012,
      `The provided value for scope ${scopes.join(' ') || '(none)'} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    );
    return;
  }
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    aud: scope.slice(0, -'/.default'.length),
    iss: `https://sts.windows.net/${tenant.id}/`,
    iat: now,
    nbf: now,
    exp: now + TOKEN_LIFETIME_SEC,
    appid: app.appId,
    appidacr: '1',
    idp: `https://sts.windows.net/${tenant.id}/`,
    idtyp: 'app' as const,
    oid: app.principalId,
    sub: app.principalId,
    tid: tenant.id,
    ver: '1.0',
    uti: randomUUID().replace(/-/g, '').slice(0, 22),
    ...(app.graphReadAll ? { roles: ['Application.Read.All'] } : {}),
  };
  sendJson(
    ctx,
    200,
    {
      token_type: 'Bearer',
      expires_in: TOKEN_LIFETIME_SEC,
      ext_expires_in: TOKEN_LIFETIME_SEC,
      access_token: signToken(claims, ctx.state.signingKey),
    },
    { 'cache-control': 'no-store, no-cache', pragma: 'no-cache' },
  );
}
