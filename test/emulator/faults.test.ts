import { type Emulator, SAMPLE, startEmulator } from '../../src/emulator';
import { type ArmErrorBody, get, request, tokenFor, tokenRequest } from './https-get';

const PROD = SAMPLE.subscriptions.production.id;
const SUB_PATH = `/subscriptions/${PROD}?api-version=2022-12-01`;

let emu: Emulator;
let token: string;

beforeAll(async () => {
  emu = await startEmulator({ throttle: false });
  token = await tokenFor(emu, SAMPLE.credentials.good);
});
afterAll(() => emu.close());
afterEach(() => emu.faults.clear());

describe('fault injection', () => {
  it('answers with a status, Retry-After and an ARM body on ARM paths', async () => {
    emu.faults.add({ path: `/subscriptions/${PROD}`, status: 429, retryAfter: 7 });
    const r = await get(emu, SUB_PATH, token);
    expect(r.status).toBe(429);
    expect(r.headers['retry-after']).toBe('7');
    expect(r.headers['x-ms-request-id']).toBeDefined();
    expect(r.body<ArmErrorBody>().error.code).toBe('TooManyRequests');
  });

  it('answers with an Entra ID body on the token endpoint, and a given body when provided', async () => {
    emu.faults.add({ method: 'POST', path: '/oauth2/v2.0/token', status: 503, times: 1 });
    const aad = await tokenRequest(emu, SAMPLE.credentials.good);
    expect(aad.status).toBe(503);
    expect(aad.body()).toMatchObject({ error: 'temporarily_unavailable', error_codes: [expect.any(Number)] });
    emu.faults.add({ path: '/v1.0/', status: 500, body: { custom: true }, times: 1 });
    const custom = await get(emu, '/v1.0/applications', token);
    expect(custom.status).toBe(500);
    expect(custom.body()).toEqual({ custom: true });
  });

  it('delays, then handles the request normally', async () => {
    emu.faults.add({ path: SUB_PATH, delayMs: 300 });
    const started = Date.now();
    const r = await get(emu, SUB_PATH, token);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(r.status).toBe(200);
    expect(r.body()['displayName']).toBe('Contoso Production');
  });

  it('drops the connection without an answer', async () => {
    emu.faults.add({ path: /\/subscriptions\/[^/?]+\?/, drop: true });
    await expect(get(emu, SUB_PATH, token)).rejects.toThrow(/socket hang up|ECONNRESET/);
  });

  it('applies `times` requests, then lets requests through', async () => {
    emu.faults.add({ path: SUB_PATH, status: 500, times: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await get(emu, SUB_PATH, token)).status);
    expect(statuses).toEqual([500, 500, 200]);
  });

  it('closes promptly while a delayed request is pending', async () => {
    const other = await startEmulator();
    other.faults.add({ path: '/', delayMs: 60_000 });
    const pending = get(other, SUB_PATH, token).then(
      () => 'answered',
      (e: Error) => e.message,
    );
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await other.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await pending).toMatch(/socket hang up|ECONNRESET/);
  });

  it('matches the method, records every request (faulted or not) and clears', async () => {
    const before = emu.requests.length;
    emu.faults.add({ method: 'POST', path: SUB_PATH, status: 500 });
    expect((await get(emu, SUB_PATH, token)).status).toBe(200);
    expect((await request(emu, 'POST', SUB_PATH, { token })).status).toBe(500);
    emu.faults.add({ path: SUB_PATH, status: 502 });
    expect((await get(emu, SUB_PATH, token)).status).toBe(502);
    emu.faults.clear();
    expect((await get(emu, SUB_PATH, token)).status).toBe(200);
    const recorded = emu.requests.slice(before);
    expect(recorded.map((r) => r.method)).toEqual(['GET', 'POST', 'GET', 'GET']);
    expect(recorded.every((r) => r.path === SUB_PATH && typeof r.at === 'number')).toBe(true);
  });

  it('targets one provider throughout, whatever the case and slashes of the path', async () => {
    const sql = SAMPLE.planted.sqlPrivate.id;
    emu.faults.add({ path: '/providers/Microsoft.Sql/', status: 500 });
    for (const target of [`${sql}/firewallRules`, `/${sql.toLowerCase()}/auditingSettings/default`, sql]) {
      const r = await get(emu, `${target}?api-version=2023-08-01`, token);
      expect(r.status).toBe(500);
      expect(r.body<ArmErrorBody>().error.code).toBe('InternalServerError');
    }
    const web = await get(emu, `${SAMPLE.planted.appHttpsOnly.id}/config/web?api-version=2023-12-01`, token);
    expect(web.status).toBe(200);
  });

  it('counts requests by method, service, path and status, and clears the log', async () => {
    emu.clearRequests();
    expect(emu.requests).toHaveLength(0);
    emu.faults.add({ path: '/resourceGroups?', status: 503, times: 1 });
    await get(emu, SUB_PATH, token);
    await get(emu, `/subscriptions/${PROD}/resourceGroups?api-version=2022-12-01`, token);
    await get(emu, `/subscriptions/${PROD}/resourcegroups?api-version=2022-12-01`, token);
    await request(emu, 'POST', '/providers/Microsoft.ResourceGraph/resources?api-version=2022-10-01', {
      token,
      json: { query: 'Resources | project id' },
    });
    await get(emu, '/v1.0/applications', token);
    expect(emu.countRequests()).toBe(5);
    expect(emu.countRequests({ service: 'arm' })).toBe(3);
    expect(emu.countRequests({ service: 'resource-graph', method: 'POST' })).toBe(1);
    expect(emu.countRequests({ service: 'graph' })).toBe(1);
    expect(emu.countRequests({ path: '/RESOURCEGROUPS?' })).toBe(2);
    expect(emu.countRequests({ path: /resourceGroups\?/ })).toBe(1);
    expect(emu.countRequests({ status: 503 })).toBe(1);
    expect(emu.requests.map((r) => r.service)).toEqual(['arm', 'arm', 'arm', 'resource-graph', 'graph']);
  });
});
