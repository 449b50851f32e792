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
