import { type Emulator, generateResources, SAMPLE, startEmulator } from '../../src/emulator';
import { type ArmErrorBody, request, tokenFor } from './https-get';

const PROD = SAMPLE.subscriptions.production.id;
const PATH = '/providers/Microsoft.ResourceGraph/resources?api-version=2022-10-01';

interface GraphResult {
  totalRecords: number;
  count: number;
  data: Record<string, unknown>[];
  facets: unknown[];
  resultTruncated: string;
  $skipToken?: string;
}

let emu: Emulator;
let token: string;

beforeAll(async () => {
  emu = await startEmulator({ throttle: false });
  const sub = emu.world.subscriptions[0];
  if (!sub) throw new Error('no subscription');
  sub.resources = generateResources({ subscriptionId: PROD, count: 2500, seed: 5 });
  token = await tokenFor(emu, SAMPLE.credentials.good);
});
afterAll(() => emu.close());

const query = (body: unknown, t = token) => request(emu, 'POST', PATH, { token: t, json: body });

describe('Resource Graph', () => {
  it('pages every resource 1,000 rows at a time with $skipToken', async () => {
    const sizes: number[] = [];
    const ids = new Set<string>();
    let skipToken: string | undefined;
    do {
      const r = await query({
        subscriptions: [PROD],
        query: 'Resources',
        options: skipToken ? { $skipToken: skipToken } : {},
      });
      expect(r.status).toBe(200);
      const body = r.body<GraphResult>();
      expect(body.totalRecords).toBe(2500);
      expect(body.resultTruncated).toBe('false');
      expect(body.facets).toEqual([]);
      expect(body.count).toBe(body.data.length);
      sizes.push(body.count);
      for (const row of body.data) ids.add(String(row['id']));
      skipToken = body.$skipToken;
    } while (skipToken);
    expect(sizes).toEqual([1000, 1000, 500]);
    expect(ids.size).toBe(2500);
  });

  it("filters with type =~ and type in~, returning rows with properties and Resource Graph's lower-case type", async () => {
    const all = emu.world.subscriptions[0]?.resources ?? [];
    const storage = all.filter((r) => r.type === 'Microsoft.Storage/storageAccounts');
    const r = await query({
      subscriptions: [PROD],
      query: "Resources | where type =~ 'Microsoft.Storage/storageAccounts'",
    });
    const body = r.body<GraphResult>();
    expect(body.totalRecords).toBe(storage.length);
    expect(body.data[0]).toMatchObject({
      type: 'microsoft.storage/storageaccounts',
      subscriptionId: PROD,
      resourceGroup: expect.stringMatching(/^rg-\d+$/),
      properties: expect.objectContaining({ minimumTlsVersion: expect.any(String) }),
    });
    const two = await query({
      subscriptions: [PROD],
      query: "resources | where type in~ ('Microsoft.Storage/storageAccounts', 'microsoft.keyvault/vaults')",
    });
    const vaults = all.filter((x) => x.type === 'Microsoft.KeyVault/vaults').length;
    expect(two.body<GraphResult>().totalRecords).toBe(storage.length + vaults);
  });

  it('compares == exactly, like Kusto: mixed case finds nothing', async () => {
    const mixed = await query({
      subscriptions: [PROD],
      query: "Resources | where type == 'Microsoft.Storage/storageAccounts'",
    });
    expect(mixed.body<GraphResult>().totalRecords).toBe(0);
    const lower = await query({
      subscriptions: [PROD],
      query: "Resources | where type == 'microsoft.storage/storageaccounts'",
    });
    expect(lower.body<GraphResult>().totalRecords).toBeGreaterThan(0);
  });

  it('projects columns and honours $top/$skip', async () => {
    const r = await query({
      subscriptions: [PROD],
      query: 'Resources | project id, name | order by name asc',
      options: { $top: 10, $skip: 5 },
    });
    const body = r.body<GraphResult>();
    expect(body.count).toBe(10);
    expect(Object.keys(body.data[0] ?? {})).toEqual(['id', 'name']);
    const names = body.data.map((d) => String(d['name']));
    expect([...names].sort((a, b) => a.localeCompare(b))).toEqual(names);
  });

  it('returns nothing from subscriptions the caller cannot read, and 400 InvalidQuery for unsupported KQL', async () => {
    const readless = await tokenFor(emu, SAMPLE.credentials.readlessRole);
    const r = await query({ subscriptions: [PROD], query: 'Resources' }, readless);
    expect(r.body<GraphResult>().totalRecords).toBe(0);
    const bad = await query({ subscriptions: [PROD], query: 'Resources | summarize count() by type' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body<ArmErrorBody>())).toContain('InvalidQuery');
  });
});

describe('Resource Graph on the sample subscription', () => {
  let sample: Emulator;
  let t: string;
  beforeAll(async () => {
    sample = await startEmulator({ throttle: false });
    t = await tokenFor(sample, SAMPLE.credentials.good);
  });
  afterAll(() => sample.close());
  const ask = (body: unknown, e = sample, tok = t) => request(e, 'POST', PATH, { token: tok, json: body });

  it('returns every resource and no sub-resource; databases named by their last segment', async () => {
    const r = await ask({
      subscriptions: [PROD],
      query: 'Resources | project id, name, type, resourceGroup',
    });
    const body = r.body<GraphResult>();
    expect(body.totalRecords).toBe(137);
    const types = new Set(body.data.map((d) => String(d['type'])));
    expect(
      [...types].filter((x) => /firewallrules|auditingsettings|config|blobservices|keys$/.test(x)),
    ).toEqual([]);
    expect(types.has('microsoft.sql/servers/databases')).toBe(true);
    const db = body.data.find((d) => d['id'] === SAMPLE.planted.sqlOpenToWorldDatabase.id);
    expect(db).toEqual({
      id: SAMPLE.planted.sqlOpenToWorldDatabase.id,
      name: 'orders',
      type: 'microsoft.sql/servers/databases',
      resourceGroup: 'rg-prod-data',
    });
  });

  it('reads a multi-line query with the columns a sync projects, and answers resultFormat table', async () => {
    const query = `Resources
      | where type in~ ('microsoft.storage/storageaccounts',
                        'Microsoft.Web/sites')
      | project id, name, type, location, resourceGroup, kind, sku, identity, tags, properties`;
    const rows = (await ask({ subscriptions: [PROD], query })).body<GraphResult>();
    expect(rows.totalRecords).toBe(27);
    const stpublic = rows.data.find((d) => d['name'] === 'stpublicblobs');
    expect(Object.keys(stpublic ?? {})).toEqual([
      'id',
      'name',
      'type',
      'location',
      'resourceGroup',
      'kind',
      'sku',
      'identity',
      'tags',
      'properties',
    ]);
    expect(stpublic?.['properties']).toMatchObject({
      allowBlobPublicAccess: true,
      minimumTlsVersion: 'TLS1_2',
    });
    const table = await ask({
      subscriptions: [PROD],
      query: "Resources | where type =~ 'microsoft.web/sites' | project name, properties",
      options: { resultFormat: 'table' },
    });
    const data = table.body<{ data: { columns: { name: string; type: string }[]; rows: unknown[][] } }>()
      .data;
    expect(data.columns).toEqual([
      { name: 'name', type: 'string' },
      { name: 'properties', type: 'object' },
    ]);
    expect(data.rows).toHaveLength(5);
  });

  it('reports the per-user quota in its headers, and enforces it only when asked', async () => {
    const a = await ask({ subscriptions: [PROD], query: 'Resources | project id' });
    const b = await ask({ subscriptions: [PROD], query: 'Resources | project id' });
    expect(Number(b.headers['x-ms-user-quota-remaining'])).toBe(
      Number(a.headers['x-ms-user-quota-remaining']) - 1,
    );
    expect(a.headers['x-ms-user-quota-resets-after']).toMatch(/^00:00:0[0-5]$/);
    for (let i = 0; i < 20; i++)
      expect((await ask({ subscriptions: [PROD], query: 'Resources' })).status).toBe(200);

    const strict = await startEmulator({
      throttle: false,
      resourceGraphThrottle: { limit: 2, windowSeconds: 60 },
    });
    try {
      const tok = await tokenFor(strict, SAMPLE.credentials.good);
      const statuses: number[] = [];
      let last: Awaited<ReturnType<typeof ask>> | undefined;
      for (let i = 0; i < 3; i++) {
        last = await ask({ subscriptions: [PROD], query: 'Resources' }, strict, tok);
        statuses.push(last.status);
      }
      expect(statuses).toEqual([200, 200, 429]);
      expect(last?.body<ArmErrorBody>().error.code).toBe('RateLimiting');
      expect(Number(last?.headers['retry-after'])).toBeGreaterThan(0);
      expect(last?.headers['x-ms-user-quota-remaining']).toBe('0');
    } finally {
      await strict.close();
    }
  });
});
