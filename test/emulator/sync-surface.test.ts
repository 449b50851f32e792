/**
 * Everything a posture sync reads, through the real Azure SDK HTTP pipeline (bearer token for the
 * ARM audience, retries): resources.list, Resource Graph, sub-resources per parent and the
 * subscription-level settings; with the ARM read budget on every answer, Resource Graph's quota
 * headers, a provider failing throughout, and the emulator's request counter.
 */

import {
  bearerTokenAuthenticationPolicy,
  createDefaultHttpClient,
  createPipelineFromOptions,
  createPipelineRequest,
  type Pipeline,
} from '@azure/core-rest-pipeline';
import { ClientSecretCredential } from '@azure/identity';
import { type Emulator, SAMPLE } from '../../src/emulator';
import { startTestEmulator } from '../support/emulator';

const C = SAMPLE.credentials.good;
const PROD = C.subscriptionId;
const CHILD_TYPES =
  /\/(firewallRules|auditingSettings|administrators|transparentDataEncryption|configurations|config|blobServices|keys)$/i;

/** What each parent type needs read below it, as the sync asks for it. */
const CHILDREN: Record<string, string[]> = {
  'microsoft.sql/servers': ['firewallRules', 'auditingSettings/default', 'administrators'],
  'microsoft.sql/servers/databases': ['transparentDataEncryption/current'],
  'microsoft.dbforpostgresql/flexibleservers': ['configurations', 'firewallRules'],
  'microsoft.dbformysql/flexibleservers': ['configurations', 'firewallRules'],
  'microsoft.web/sites': ['config/web'],
  'microsoft.storage/storageaccounts': ['blobServices/default'],
  'microsoft.keyvault/vaults': ['keys'],
};

interface Answer {
  status: number;
  headers: { get(name: string): string | undefined };
  body: Record<string, unknown>;
}

let emu: Emulator;
let pipeline: Pipeline;
const client = createDefaultHttpClient();

beforeAll(async () => {
  // No refill, so the remaining-reads header counts down exactly.
  emu = await startTestEmulator({ throttle: { capacity: 250, refillPerSec: 0 } });
  const credential = new ClientSecretCredential(C.tenantId, C.clientId, C.clientSecret, {
    authorityHost: emu.authorityHost,
    disableInstanceDiscovery: true,
    tlsOptions: { ca: emu.caPem },
  });
  pipeline = createPipelineFromOptions({
    retryOptions: { maxRetries: 2, retryDelayInMs: 5, maxRetryDelayInMs: 10 },
    tlsOptions: { ca: emu.caPem },
  });
  pipeline.addPolicy(bearerTokenAuthenticationPolicy({ credential, scopes: `${emu.armEndpoint}/.default` }));
});
afterAll(() => emu.close());
afterEach(() => emu.faults.clear());

async function send(url: string, body?: unknown): Promise<Answer> {
  const request = createPipelineRequest({
    url: url.startsWith('https://') ? url : `${emu.armEndpoint}${url}`,
    method: body === undefined ? 'GET' : 'POST',
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (body !== undefined) request.headers.set('content-type', 'application/json');
  const res = await pipeline.sendRequest(client, request);
  return { status: res.status, headers: res.headers, body: JSON.parse(res.bodyAsText ?? '{}') };
}

describe('a sync against the emulator, through the SDK pipeline', () => {
  it('reads inventory, properties, sub-resources and settings; every ARM answer carries the read budget', async () => {
    await send(`/subscriptions/${PROD}?api-version=2022-12-01`); // token acquired, budget started
    emu.clearRequests();
    let arm = 0;
    const budgets: number[] = [];
    const armGet = async (url: string) => {
      const r = await send(url);
      arm++;
      expect(r.status).toBe(200);
      budgets.push(Number(r.headers.get('x-ms-ratelimit-remaining-subscription-reads')));
      return r.body;
    };

    // 1. Inventory, paged by absolute nextLink.
    const listed: { id: string; type: string }[] = [];
    let link: string | undefined = `/subscriptions/${PROD}/resources?api-version=2025-04-01&$top=100`;
    while (link) {
      const page = await armGet(link);
      listed.push(...(page['value'] as { id: string; type: string }[]));
      link = page['nextLink'] as string | undefined;
    }
    expect(listed).toHaveLength(137);
    expect(listed.filter((r) => CHILD_TYPES.test(r.type))).toEqual([]);
    expect(listed.some((r) => r.type === 'Microsoft.Sql/servers/databases')).toBe(true);

    // 2. Properties in bulk from Resource Graph.
    const types = Object.keys(CHILDREN);
    const graph = await send('/providers/Microsoft.ResourceGraph/resources?api-version=2022-10-01', {
      subscriptions: [PROD],
      query: `Resources | where type in~ (${types.map((t) => `'${t}'`).join(', ')}) | project id, name, type, location, resourceGroup, kind, sku, identity, tags, properties`,
      options: { $top: 1000, resultFormat: 'objectArray' },
    });
    expect(graph.status).toBe(200);
    expect(graph.headers.get('x-ms-user-quota-remaining')).toMatch(/^\d+$/);
    expect(graph.headers.get('x-ms-user-quota-resets-after')).toMatch(/^\d\d:\d\d:\d\d$/);
    const rows = graph.body['data'] as {
      id: string;
      type: string;
      resourceGroup: string;
      properties: object;
    }[];
    expect(graph.body['totalRecords']).toBe(rows.length);
    expect(rows.every((r) => r.type === r.type.toLowerCase() && types.includes(r.type))).toBe(true);
    expect(rows.find((r) => r.id === SAMPLE.planted.sqlPrivate.id)).toMatchObject({
      resourceGroup: 'rg-prod-data',
      properties: { publicNetworkAccess: 'Disabled', minimalTlsVersion: '1.2' },
    });

    // 3. Sub-resources, one GET per parent and kind.
    for (const row of rows) {
      for (const child of CHILDREN[row.type] ?? []) {
        const body = await armGet(`${row.id}/${child}?api-version=2023-08-01`);
        expect(Array.isArray(body['value']) || typeof body['properties'] === 'object').toBe(true);
      }
    }

    // 4. Subscription-level settings.
    const scope = `/subscriptions/${PROD}/providers`;
    const pricings = await armGet(`${scope}/Microsoft.Security/pricings?api-version=2024-01-01`);
    expect((pricings['value'] as unknown[]).length).toBeGreaterThan(5);
    await armGet(`${scope}/Microsoft.Security/securityContacts?api-version=2023-12-01-preview`);
    await armGet(`${scope}/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview`);
    const roles = await armGet(
      `${scope}/Microsoft.Authorization/roleDefinitions?api-version=2022-04-01&$filter=${encodeURIComponent("type eq 'CustomRole'")}`,
    );
    expect((roles['value'] as unknown[]).length).toBeGreaterThan(0);

    // The budget counts down by one per ARM read; the counter saw every request.
    expect(budgets.every((b, i) => i === 0 || b < (budgets[i - 1] as number))).toBe(true);
    expect(emu.countRequests({ service: 'arm' })).toBe(arm);
    expect(emu.countRequests({ service: 'resource-graph', method: 'POST' })).toBe(1);
    expect(emu.countRequests({ path: '/firewallRules?' })).toBe(
      rows.filter((r) => (CHILDREN[r.type] ?? []).includes('firewallRules')).length,
    );
    expect(emu.countRequests({ status: 200 })).toBe(arm + 1);
    expect(emu.requests.every((r) => r.status === 200)).toBe(true);
  });

  it('one provider failing throughout: 500 after the retries, other providers unaffected', async () => {
    emu.faults.add({ path: '/providers/Microsoft.Sql/', status: 500 });
    emu.clearRequests();
    const sql = await send(`${SAMPLE.planted.sqlPrivate.id}/firewallRules?api-version=2023-08-01`);
    expect(sql.status).toBe(500);
    expect(sql.body).toMatchObject({ error: { code: 'InternalServerError' } });
    // The SDK sent it three times (two retries); the lower-cased path the SDK may send is hit as well.
    expect(emu.countRequests({ path: '/providers/Microsoft.Sql/', status: 500 })).toBe(3);
    const lower = await send(
      `${SAMPLE.planted.sqlPrivate.id.toLowerCase()}/auditingSettings/default?api-version=2023-08-01`,
    );
    expect(lower.status).toBe(500);
    const web = await send(`${SAMPLE.planted.appHttpsOnly.id}/config/web?api-version=2023-12-01`);
    expect(web.status).toBe(200);
    const list = await send(`/subscriptions/${PROD}/resources?api-version=2025-04-01`);
    expect(list.status).toBe(200);

    emu.faults.add({ path: '/providers/Microsoft.ResourceGraph/', status: 500 });
    const graph = await send('/providers/Microsoft.ResourceGraph/resources?api-version=2022-10-01', {
      subscriptions: [PROD],
      query: 'Resources',
    });
    expect(graph.status).toBe(500);
    expect(emu.countRequests({ service: 'resource-graph', status: 500 })).toBe(3);
  });

  it('throttles the new endpoints with the ARM read bucket', async () => {
    const small = await startTestEmulator({ throttle: { capacity: 2, refillPerSec: 0.01 } });
    try {
      const credential = new ClientSecretCredential(C.tenantId, C.clientId, C.clientSecret, {
        authorityHost: small.authorityHost,
        disableInstanceDiscovery: true,
      });
      const p = createPipelineFromOptions({ retryOptions: { maxRetries: 0 } });
      p.addPolicy(bearerTokenAuthenticationPolicy({ credential, scopes: `${small.armEndpoint}/.default` }));
      const url = `${small.armEndpoint}${SAMPLE.planted.sqlPrivate.id}/firewallRules?api-version=2023-08-01`;
      const statuses: number[] = [];
      let last: Answer['headers'] | undefined;
      for (let i = 0; i < 3; i++) {
        const res = await p.sendRequest(client, createPipelineRequest({ url }));
        statuses.push(res.status);
        last = res.headers;
      }
      expect(statuses).toEqual([200, 200, 429]);
      expect(last?.get('x-ms-ratelimit-remaining-subscription-reads')).toBe('0');
      expect(Number(last?.get('retry-after'))).toBeGreaterThanOrEqual(1);
    } finally {
      await small.close();
    }
  });
});
