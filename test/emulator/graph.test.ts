import { type Emulator, SAMPLE, startEmulator } from '../../src/emulator';
import { get, tokenFor } from './https-get';

const { credentials: C, apps } = SAMPLE;

interface PasswordCredential {
  customKeyIdentifier: null;
  displayName: string;
  endDateTime: string;
  hint: string;
  keyId: string;
  secretText: null;
  startDateTime: string;
}
interface GraphError {
  error: { code: string; message: string; innerError: Record<string, string> };
}

let emu: Emulator;
const graphToken = (c: { tenantId: string; clientId: string; clientSecret: string }) =>
  tokenFor(emu, c, `${emu.graphEndpoint}/.default`);

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());

const appPath = (appId: string) => `/v1.0/applications(appId='${appId}')?$select=passwordCredentials`;

describe('Microsoft Graph applications', () => {
  it('returns password credentials with hints, only the selected field', async () => {
    const r = await get(emu, appPath(C.good.clientId), await graphToken(C.good));
    expect(r.status).toBe(200);
    const body = r.body<{ '@odata.context': string; passwordCredentials: PasswordCredential[] }>();
    expect(Object.keys(body).sort()).toEqual(['@odata.context', 'passwordCredentials']);
    expect(body['@odata.context']).toBe(
      'https://graph.microsoft.com/v1.0/$metadata#applications(passwordCredentials)/$entity',
    );
    const inUse = body.passwordCredentials.find((p) => p.hint === C.good.clientSecret.slice(0, 3));
    expect(inUse).toMatchObject({
      customKeyIdentifier: null,
      secretText: null,
      keyId: apps.connector.secrets[0].keyId,
      displayName: 'osto',
    });
    const days = (Date.parse(inUse?.endDateTime ?? '') - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(199);
    expect(days).toBeLessThan(201);
    expect(body.passwordCredentials).toHaveLength(2);
  });

  it('answers an app without Application.Read.All with 403 Authorization_RequestDenied', async () => {
    const r = await get(emu, appPath(C.noGraph.clientId), await graphToken(C.noGraph));
    expect(r.status).toBe(403);
    const body = r.body<GraphError>();
    expect(body.error.code).toBe('Authorization_RequestDenied');
    expect(body.error.message).toBe('Insufficient privileges to complete the operation.');
    expect(body.error.innerError['request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('404 Request_ResourceNotFound for an unknown app; 401 without a token', async () => {
    const token = await graphToken(C.good);
    const missing = await get(emu, appPath(C.unknownApp.clientId), token);
    expect(missing.status).toBe(404);
    expect(missing.body<GraphError>().error.code).toBe('Request_ResourceNotFound');
    const anonymous = await get(emu, appPath(C.good.clientId));
    expect(anonymous.status).toBe(401);
    expect(anonymous.body<GraphError>().error.code).toBe('InvalidAuthenticationToken');
  });

  it('serves the whole object by object id and by $filter=appId eq', async () => {
    const token = await graphToken(C.expiringSoon);
    const viaFilter = await get(
      emu,
      `/v1.0/applications?$filter=${encodeURIComponent(`appId eq '${C.expiringSoon.clientId}'`)}`,
      token,
    );
    const listed = viaFilter.body<{
      value: { id: string; appId: string; passwordCredentials: PasswordCredential[] }[];
    }>().value;
    expect(listed).toHaveLength(1);
    const objectId = listed[0]?.id ?? '';
    const byId = await get(emu, `/v1.0/applications/${objectId}`, token);
    expect(byId.status).toBe(200);
    const app = byId.body<{
      appId: string;
      displayName: string;
      passwordCredentials: PasswordCredential[];
    }>();
    expect(app.appId).toBe(C.expiringSoon.clientId);
    const days = (Date.parse(app.passwordCredentials[0]?.endDateTime ?? '') - Date.now()) / 86_400_000;
    expect(Math.round(days)).toBe(5);
  });
});
