import { decodeToken, type Emulator, SAMPLE, startEmulator } from '../../src/emulator';
import { get, request, tokenRequest } from './https-get';

interface AadError {
  error: string;
  error_description: string;
  error_codes: number[];
  timestamp: string;
  trace_id: string;
  correlation_id: string;
}

const { credentials: C, tenants } = SAMPLE;
let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());

describe('OpenID configuration', () => {
  it.each([
    ['the tenant GUID', tenants.contoso.id],
    ['a domain of the tenant', 'contoso.onmicrosoft.com'],
    ['a domain in another case', 'Contoso.OnMicrosoft.com'],
  ])('resolves %s to the tenant', async (_label, ref) => {
    const r = await get(emu, `/${ref}/v2.0/.well-known/openid-configuration`);
    expect(r.status).toBe(200);
    const cfg = r.body<Record<string, string>>();
    expect(cfg['token_endpoint']).toBe(`${emu.url}/${tenants.contoso.id}/oauth2/v2.0/token`);
    expect(cfg['issuer']).toBe(`${emu.url}/${tenants.contoso.id}/v2.0`);
    expect(cfg['authorization_endpoint']).toBe(`${emu.url}/${tenants.contoso.id}/oauth2/v2.0/authorize`);
    expect(cfg['jwks_uri']).toBe(`${emu.url}/${tenants.contoso.id}/discovery/v2.0/keys`);
  });

  it('is also served without the v2.0 segment', async () => {
    const r = await get(emu, `/${tenants.fabrikam.id}/.well-known/openid-configuration`);
    expect(r.status).toBe(200);
    expect(r.body()['token_endpoint']).toContain(tenants.fabrikam.id);
  });

  it('answers an unknown tenant with 400 AADSTS90002, like Entra ID', async () => {
    const r = await get(emu, `/${C.unknownTenant.tenantId}/v2.0/.well-known/openid-configuration`);
    expect(r.status).toBe(400);
    const body = r.body<AadError>();
    expect(body.error).toBe('invalid_tenant');
    expect(body.error_codes).toEqual([90002]);
    expect(body.error_description).toMatch(
      new RegExp(`^AADSTS90002: Tenant '${C.unknownTenant.tenantId}' not found\\.`),
    );
    expect(body.trace_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.correlation_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
  });

  it('serves an empty key set', async () => {
    const r = await get(emu, `/${tenants.contoso.id}/discovery/v2.0/keys`);
    expect(r.status).toBe(200);
    expect(r.body()).toEqual({ keys: [] });
  });
});

describe('token endpoint (client credentials)', () => {
  it('issues a bearer token whose claims name the app, its principal and tenant', async () => {
    const r = await tokenRequest(emu, C.good);
    expect(r.status).toBe(200);
    const body = r.body<{
      token_type: string;
      expires_in: number;
      ext_expires_in: number;
      access_token: string;
    }>();
    expect(body.token_type).toBe('Bearer');
    expect(body.expires_in).toBe(3599);
    expect(body.ext_expires_in).toBe(3599);
    const claims = decodeToken(body.access_token);
    expect(claims).toMatchObject({
      aud: emu.url,
      appid: C.good.clientId,
      oid: SAMPLE.apps.connector.principalId,
      sub: SAMPLE.apps.connector.principalId,
      tid: tenants.contoso.id,
      idtyp: 'app',
      iss: `https://sts.windows.net/${tenants.contoso.id}/`,
    });
    expect(Number(claims['exp']) - Number(claims['iat'])).toBe(3599);
    const header = JSON.parse(
      Buffer.from(body.access_token.split('.')[0] ?? '', 'base64url').toString(),
    ) as object;
    expect(header).toMatchObject({ typ: 'JWT', alg: 'HS256' });
  });

  it('accepts the tenant as a domain and takes the audience from the scope', async () => {
    const r = await tokenRequest(emu, C.goodByDomain, 'https://graph.microsoft.com/.default');
    expect(r.status).toBe(200);
    expect(decodeToken(r.body<{ access_token: string }>().access_token)['aud']).toBe(
      'https://graph.microsoft.com',
    );
  });

  it.each([
    [
      'wrongSecret',
      401,
      'invalid_client',
      7000215,
      "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '",
    ],
    [
      'expiredSecret',
      401,
      'invalid_client',
      7000222,
      `The provided client secret keys for app '${C.expiredSecret.clientId}' are expired.`,
    ],
    [
      'unknownApp',
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${C.unknownApp.clientId}' was not found in the directory 'Contoso'.`,
    ],
    ['unknownTenant', 400, 'invalid_tenant', 90002, `Tenant '${C.unknownTenant.tenantId}' not found.`],
  ] as const)('%s → %i %s AADSTS%i', async (name, status, error, code, text) => {
    const r = await tokenRequest(emu, C[name]);
    expect(r.status).toBe(status);
    const body = r.body<AadError>();
    expect(body.error).toBe(error);
    expect(body.error_codes).toEqual([code]);
    expect(body.error_description.startsWith(`AADSTS${code}: ${text}`)).toBe(true);
    expect(body.error_description).toMatch(
      /Trace ID: [0-9a-f-]{36} Correlation ID: [0-9a-f-]{36} Timestamp: /,
    );
  });

  it('rejects a scope without /.default and other grant types', async () => {
    const scope = await tokenRequest(emu, C.good, `${emu.url}/user_impersonation`);
    expect(scope.status).toBe(400);
    expect(scope.body<AadError>().error).toBe('invalid_scope');
    const grant = await request(emu, 'POST', `/${tenants.contoso.id}/oauth2/v2.0/token`, {
      form: { grant_type: 'password', client_id: C.good.clientId, scope: `${emu.url}/.default` },
    });
    expect(grant.status).toBe(400);
    expect(grant.body<AadError>().error_codes).toEqual([70003]);
  });

  it('takes client credentials from HTTP Basic auth too', async () => {
    const basic = Buffer.from(`${C.good.clientId}:${encodeURIComponent(C.good.clientSecret)}`).toString(
      'base64',
    );
    const r = await request(emu, 'POST', `/${tenants.contoso.id}/oauth2/v2.0/token`, {
      headers: { authorization: `Basic ${basic}` },
      form: { grant_type: 'client_credentials', scope: `${emu.url}/.default` },
    });
    expect(r.status).toBe(200);
  });

  it('signs in with the older secret of the same app as well', async () => {
    const old = SAMPLE.apps.connector.secrets[1].value;
    const r = await tokenRequest(emu, { ...C.good, clientSecret: old });
    expect(r.status).toBe(200);
  });
});
