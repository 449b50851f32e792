import { AzureEngine } from '../../src/azure';
import { StageFailure } from '../../src/core/errors';
import { CaseInsensitiveTally, resourceGroupOf } from '../../src/core/inventory';
import {
  type EmulatedResource,
  type Emulator,
  generateResources,
  SAMPLE,
  sampleWorld,
} from '../../src/emulator';
import { endpointsOf, startTestEmulator } from '../support/emulator';

const C = SAMPLE.credentials;
const fast = { maxRetries: 1, retryDelayInMs: 20, maxRetryDelayInMs: 50, maxRetryAfterSeconds: 5 };

function expected(resources: EmulatedResource[]) {
  const t = new CaseInsensitiveTally();
  const l = new CaseInsensitiveTally();
  const g = new CaseInsensitiveTally();
  for (const r of resources) {
    t.add(r.type);
    l.add(r.location);
    g.add(resourceGroupOf(r.id) ?? '');
  }
  return {
    total: resources.length,
    byType: t.toRecord(),
    byLocation: l.toRecord(),
    byResourceGroup: g.toRecord(),
  };
}

describe('inventory: streams resources.list pages and totals them', () => {
  let emu: Emulator;
  const big = generateResources({ subscriptionId: C.good.subscriptionId, count: 50_000, seed: 50 });

  beforeAll(async () => {
    const world = sampleWorld();
    const prod = world.subscriptions.find((s) => s.subscriptionId === C.good.subscriptionId);
    const dev = world.subscriptions.find((s) => s.subscriptionId === SAMPLE.subscriptions.development.id);
    if (!prod || !dev) throw new Error('sample world changed');
    dev.resources = big.map((r) => ({ ...r, id: r.id.replace(C.good.subscriptionId, dev.subscriptionId) }));
    dev.roleAssignments.push({
      principalId: SAMPLE.apps.connector.principalId,
      roleDefinitionId: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
    });
    emu = await startTestEmulator({ world, throttle: false });
  });
  afterAll(() => emu.close());
  beforeEach(() => emu.faults.clear());

  it('counts the sample subscription exactly: 137 assets by type, location and resource group', async () => {
    const engine = new AzureEngine({ endpoints: endpointsOf(emu), policy: fast });
    const inv = await engine.inventory(C.good);
    const prod = emu.world.subscriptions.find((s) => s.subscriptionId === C.good.subscriptionId);
    expect(inv.total).toBe(137);
    expect(inv).toMatchObject(expected(prod?.resources ?? []));
  });

  it('counts a 50,000-resource subscription correctly to the resource, page by page', async () => {
    const engine = new AzureEngine({ endpoints: endpointsOf(emu), policy: fast });
    const inv = await engine.inventory({ ...C.good, subscriptionId: SAMPLE.subscriptions.development.id });
    const dev = emu.world.subscriptions.find((s) => s.subscriptionId === SAMPLE.subscriptions.development.id);
    expect(inv.total).toBe(50_000);
    expect(inv.pages).toBe(50);
    expect(inv).toMatchObject(expected(dev?.resources ?? []));
  }, 60_000);

  it('a page that keeps failing ends the read as azure_unavailable (stage sync), never a partial count', async () => {
    const engine = new AzureEngine({ endpoints: endpointsOf(emu), policy: fast });
    emu.faults.add({ path: /\/resources\?.*skiptoken/i, status: 500 });
    const err = await engine
      .inventory({ ...C.good, subscriptionId: SAMPLE.subscriptions.development.id })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StageFailure);
    expect((err as StageFailure).result).toMatchObject({ stage: 'sync', code: 'azure_unavailable' });
  });
});
