import {
  type EmulatedResource,
  type Emulator,
  generateResources,
  SAMPLE,
  startEmulator,
} from '../../src/emulator';
import { type ArmErrorBody, get, tokenFor } from './https-get';

const { credentials: C } = SAMPLE;
const PROD = SAMPLE.subscriptions.production.id;
const API = 'api-version=2022-12-01';
const RES_API = 'api-version=2025-04-01';

interface Page<T> {
  value: T[];
  nextLink?: string;
}

let emu: Emulator;
let good: string;

beforeAll(async () => {
  emu = await startEmulator({ throttle: false });
  good = await tokenFor(emu, C.good);
});
afterAll(() => emu.close());

const errorOf = (r: { body<T>(): T }) => r.body<ArmErrorBody>().error;

describe('subscriptions', () => {
  it('returns the subscription with ARM headers', async () => {
    const r = await get(emu, `/subscriptions/${PROD}?${API}`, good);
    expect(r.status).toBe(200);
    expect(r.body()).toMatchObject({
      id: `/subscriptions/${PROD}`,
      subscriptionId: PROD,
      tenantId: SAMPLE.tenants.contoso.id,
      displayName: 'Contoso Production',
      state: 'Enabled',
      authorizationSource: 'RoleBased',
      subscriptionPolicies: { spendingLimit: 'Off' },
    });
    expect(r.headers['x-ms-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.headers['x-ms-correlation-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.headers['x-ms-ratelimit-remaining-subscription-reads']).toBeDefined();
  });

  it('lists the subscriptions the principal has a role on, in its tenant', async () => {
    const r = await get(emu, `/subscriptions?${API}`, good);
    expect(r.body<Page<{ displayName: string }>>().value.map((s) => s.displayName)).toEqual([
      'Contoso Production',
      'Contoso Development',
    ]);
  });

  it('404 SubscriptionNotFound for an unknown subscription', async () => {
    const r = await get(emu, `/subscriptions/${C.unknownSubscription.subscriptionId}?${API}`, good);
    expect(r.status).toBe(404);
    expect(errorOf(r)).toEqual({
      code: 'SubscriptionNotFound',
      message: `The subscription '${C.unknownSubscription.subscriptionId}' could not be found.`,
    });
  });

  it("401 InvalidAuthenticationTokenTenant for another tenant's subscription", async () => {
    const r = await get(emu, `/subscriptions/${C.otherTenantSubscription.subscriptionId}?${API}`, good);
    expect(r.status).toBe(401);
    const e = errorOf(r);
    expect(e.code).toBe('InvalidAuthenticationTokenTenant');
    expect(e.message).toContain(`wrong issuer 'https://sts.windows.net/${SAMPLE.tenants.contoso.id}/'`);
    expect(e.message).toContain(
      `Please use the authority (URL) 'https://login.windows.net/${SAMPLE.tenants.fabrikam.id}'`,
    );
  });

  it('403 AuthorizationFailed for a principal without any role', async () => {
    const token = await tokenFor(emu, C.noReader);
    const r = await get(emu, `/subscriptions/${PROD}?${API}`, token);
    expect(r.status).toBe(403);
    expect(errorOf(r)).toEqual({
      code: 'AuthorizationFailed',
      message: `The client '${C.noReader.clientId}' with object id '${SAMPLE.apps.noRole.principalId}' does not have authorization to perform action 'Microsoft.Resources/subscriptions/read' over scope '/subscriptions/${PROD}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
    });
  });

  it('lets a role without read see the subscription but not its resources', async () => {
    const token = await tokenFor(emu, C.readlessRole);
    expect((await get(emu, `/subscriptions/${PROD}?${API}`, token)).status).toBe(200);
    const list = await get(emu, `/subscriptions/${PROD}/resources?${RES_API}`, token);
    expect(list.status).toBe(403);
    expect(errorOf(list).message).toContain("action 'Microsoft.Resources/subscriptions/resources/read'");
  });

  it('requires api-version and a valid bearer token', async () => {
    const noVersion = await get(emu, `/subscriptions/${PROD}`, good);
    expect(noVersion.status).toBe(400);
    expect(errorOf(noVersion).code).toBe('MissingApiVersionParameter');
    const noToken = await get(emu, `/subscriptions/${PROD}?${API}`);
    expect(noToken.status).toBe(401);
    expect(errorOf(noToken).code).toBe('InvalidAuthenticationToken');
    const forged = await get(emu, `/subscriptions/${PROD}?${API}`, `${good.slice(0, -4)}AAAA`);
    expect(forged.status).toBe(401);
  });

  it('rejects a token for another audience', async () => {
    const other = await tokenFor(emu, C.good, 'https://vault.azure.net/.default');
    const r = await get(emu, `/subscriptions/${PROD}?${API}`, other);
    expect(r.status).toBe(401);
    expect(errorOf(r).message).toContain('wrong audience');
  });
});

describe('resources', () => {
  const saved: EmulatedResource[] = [];
  beforeAll(() => {
    const sub = emu.world.subscriptions[0];
    if (!sub) throw new Error('no subscription');
    saved.push(...sub.resources);
    sub.resources = generateResources({ subscriptionId: PROD, count: 2500, seed: 11 });
  });
  afterAll(() => {
    const sub = emu.world.subscriptions[0];
    if (sub) sub.resources = saved;
  });

  it('pages 2,500 resources by $top=1000 through absolute nextLinks, without properties', async () => {
    let link: string | undefined = `/subscriptions/${PROD}/resources?${RES_API}&$top=1000`;
    const sizes: number[] = [];
    const ids = new Set<string>();
    while (link) {
      const r = await get(emu, link, good);
      expect(r.status).toBe(200);
      const page: Page<Record<string, unknown>> = r.body();
      sizes.push(page.value.length);
      for (const item of page.value) {
        ids.add(String(item['id']));
        expect(item['properties']).toBeUndefined();
        expect(Object.keys(item)).toEqual(expect.arrayContaining(['id', 'name', 'type', 'location']));
      }
      if (page.nextLink) {
        expect(page.nextLink.startsWith(`${emu.url}/subscriptions/${PROD}/resources?`)).toBe(true);
        expect(page.nextLink).toContain('api-version=2025-04-01');
        expect(page.nextLink).toMatch(/%24skiptoken=|\$skiptoken=/);
      }
      link = page.nextLink;
    }
    expect(sizes).toEqual([1000, 1000, 500]);
    expect(ids.size).toBe(2500);
  });

  it('filters by resourceType', async () => {
    const type = 'Microsoft.KeyVault/vaults';
    const r = await get(
      emu,
      `/subscriptions/${PROD}/resources?${RES_API}&$filter=${encodeURIComponent(`resourceType eq '${type}'`)}`,
      good,
    );
    const page = r.body<Page<{ type: string }>>();
    const expected = emu.world.subscriptions[0]?.resources.filter((x) => x.type === type).length;
    expect(page.value.length).toBe(expected);
    expect(page.value.every((x) => x.type === type)).toBe(true);
  });

  it('gets one resource by id (double slash, as the SDK sends it) with properties', async () => {
    const target = emu.world.subscriptions[0]?.resources.find(
      (x) => x.type === 'Microsoft.Storage/storageAccounts',
    );
    if (!target) throw new Error('no storage account generated');
    const r = await get(emu, `/${target.id}?api-version=2023-07-01`, good);
    expect(r.status).toBe(200);
    // The fixture's sub-resources (`children`) are served below the id, never inside the resource.
    const { children: _children, ...body } = target;
    expect(r.body()).toEqual(JSON.parse(JSON.stringify(body)));
    const upper = await get(emu, `${target.id.toUpperCase()}?api-version=2023-07-01`, good);
    expect(upper.status).toBe(200);
  });

  it('404 ResourceNotFound for a missing resource, ResourceGroupNotFound for a missing group', async () => {
    const missing = await get(
      emu,
      `/subscriptions/${PROD}/resourceGroups/rg-1/providers/Microsoft.Sql/servers/nope?api-version=2023-08-01`,
      good,
    );
    expect(missing.status).toBe(404);
    expect(errorOf(missing).code).toBe('ResourceNotFound');
    expect(errorOf(missing).message).toContain("'Microsoft.Sql/servers/nope' under resource group 'rg-1'");
    const noGroup = await get(
      emu,
      `/subscriptions/${PROD}/resourceGroups/rg-zzz/providers/Microsoft.Sql/servers/x?api-version=2023-08-01`,
      good,
    );
    expect(errorOf(noGroup).code).toBe('ResourceGroupNotFound');
  });

  it('lists resource groups derived from the resources (lower-case path)', async () => {
    const r = await get(emu, `/subscriptions/${PROD}/resourcegroups?${RES_API}`, good);
    const groups = r.body<Page<{ name: string; type: string; location: string }>>().value;
    expect(groups.length).toBe(100);
    expect(
      groups.every((g) => /^rg-\d+$/.test(g.name) && g.type === 'Microsoft.Resources/resourceGroups'),
    ).toBe(true);
  });

  it('serves provider list endpoints with properties, paged', async () => {
    const type = 'Microsoft.Network/networkSecurityGroups';
    const all = emu.world.subscriptions[0]?.resources.filter((x) => x.type === type) ?? [];
    const first = await get(
      emu,
      `/subscriptions/${PROD}/providers/${type}?api-version=2024-05-01&$top=50`,
      good,
    );
    const page = first.body<Page<EmulatedResource>>();
    expect(page.value.length).toBe(Math.min(50, all.length));
    expect(page.value[0]?.properties['securityRules']).toBeDefined();
    let n = page.value.length;
    let link = page.nextLink;
    while (link) {
      const next = (await get(emu, link, good)).body<Page<EmulatedResource>>();
      n += next.value.length;
      link = next.nextLink;
    }
    expect(n).toBe(all.length);
  });

  it('lists a typed collection in a resource group and an empty child collection of a resource', async () => {
    const vm = emu.world.subscriptions[0]?.resources.find(
      (x) => x.type === 'Microsoft.Compute/virtualMachines',
    );
    if (!vm) throw new Error('no vm');
    const rg = vm.id.split('/')[4];
    const inGroup = await get(
      emu,
      `/subscriptions/${PROD}/resourceGroups/${rg}/providers/Microsoft.Compute/virtualMachines?api-version=2024-07-01`,
      good,
    );
    expect(inGroup.body<Page<EmulatedResource>>().value.map((x) => x.id)).toContain(vm.id);
    const children = await get(emu, `${vm.id}/extensions?api-version=2024-07-01`, good);
    expect(children.status).toBe(200);
    expect(children.body<Page<unknown>>().value).toEqual([]);
  });

  it('answers unknown paths with a 404 naming the path', async () => {
    const r = await get(emu, '/nothing/here?x=1', good);
    expect(r.status).toBe(404);
    expect(errorOf(r).message).toContain("'/nothing/here'");
  });
});
