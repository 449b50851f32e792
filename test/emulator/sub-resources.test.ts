/**
 * Sub-resources served below a resource id (SQL firewall rules, auditing, administrators, TDE,
 * PostgreSQL/MySQL configurations and firewall rules, App Service config/web, blob service, Key Vault
 * keys), over plain HTTPS as the SDK sends them.
 */

import { type EmulatedResource, type Emulator, SAMPLE, startEmulator } from '../../src/emulator';
import { type ArmErrorBody, get, tokenFor } from './https-get';

const P = SAMPLE.planted;
const PROD = SAMPLE.subscriptions.production.id;
const API = 'api-version=2023-08-01';

interface Page<T = Record<string, unknown>> {
  value: T[];
  nextLink?: string;
}
type Item = { id: string; name: string; type: string; properties: Record<string, unknown> };

let emu: Emulator;
let token: string;

beforeAll(async () => {
  emu = await startEmulator({ throttle: false });
  token = await tokenFor(emu, SAMPLE.credentials.good);
});
afterAll(() => emu.close());

const read = (path: string, t = token) => get(emu, `${path}${path.includes('?') ? '&' : '?'}${API}`, t);
const prod = () => emu.world.subscriptions.find((s) => s.subscriptionId === PROD);
const fixture = (id: string): EmulatedResource => {
  const r = prod()?.resources.find((x) => x.id === id);
  if (!r) throw new Error(`no fixture ${id}`);
  return r;
};
const errorOf = (r: { body<T>(): T }) => r.body<ArmErrorBody>().error;

describe('SQL servers and databases', () => {
  it('lists firewall rules with ids, names, types and address ranges', async () => {
    const r = await read(`${P.sqlOpenToWorld.id}/firewallRules`);
    expect(r.status).toBe(200);
    const page = r.body<Page<Item>>();
    expect(page.nextLink).toBeUndefined();
    expect(page.value).toContainEqual({
      id: `${P.sqlOpenToWorld.id}/firewallRules/AllowAll`,
      name: 'AllowAll',
      type: 'Microsoft.Sql/servers/firewallRules',
      properties: { startIpAddress: '0.0.0.0', endIpAddress: '255.255.255.255' },
    });
    const closed = await read(`${P.sqlPrivate.id}/firewallRules`);
    expect(closed.body<Page>().value).toEqual([]);
    const one = await read(`${P.sqlOpenToWorld.id}/firewallRules/allowall`);
    expect(one.status).toBe(200);
    expect(one.body<Item>().properties).toEqual({
      startIpAddress: '0.0.0.0',
      endIpAddress: '255.255.255.255',
    });
  });

  it('answers the auditing policy, the Entra administrators and a database TDE state', async () => {
    const audit = await read(`${P.sqlPrivate.id}/auditingSettings/default`);
    expect(audit.status).toBe(200);
    expect(audit.body<Item>()).toMatchObject({
      id: `${P.sqlPrivate.id}/auditingSettings/default`,
      type: 'Microsoft.Sql/servers/auditingSettings',
      properties: { state: 'Enabled', retentionDays: 90 },
    });
    const admins = await read(`${P.sqlPrivate.id}/administrators`);
    expect(admins.body<Page<Item>>().value).toEqual([
      expect.objectContaining({
        name: 'ActiveDirectory',
        type: 'Microsoft.Sql/servers/administrators',
        properties: expect.objectContaining({
          administratorType: 'ActiveDirectory',
          login: expect.any(String),
        }),
      }),
    ]);
    const tde = await read(`${P.sqlOpenToWorldDatabase.id}/transparentDataEncryption/current`);
    expect(tde.body<Item>()).toMatchObject({
      id: `${P.sqlOpenToWorldDatabase.id}/transparentDataEncryption/current`,
      name: 'current',
      type: 'Microsoft.Sql/servers/databases/transparentDataEncryption',
      properties: { state: 'Enabled' },
    });
  });

  it('lists databases below their server (nested resources named by their last segment)', async () => {
    const r = await read(`${P.sqlOpenToWorld.id}/databases`);
    const dbs = r.body<Page<Item>>().value;
    expect(dbs.map((d) => d.name).sort()).toEqual(['master', 'orders']);
    expect(dbs.every((d) => d.type === 'Microsoft.Sql/servers/databases' && !('children' in d))).toBe(true);
    const one = await read(P.sqlOpenToWorldDatabase.id);
    expect(one.body<Item>().name).toBe('orders');
  });

  it('shows a fixture change on the next request, and an empty list once the admin is removed', async () => {
    const server = fixture(P.sqlPrivate.id);
    const audit = server.children?.['auditingSettings/default'] as { properties: Record<string, unknown> };
    const admins = server.children?.['administrators'];
    const inline = server.properties['administrators'];
    audit.properties['state'] = 'Disabled';
    if (server.children) server.children['administrators'] = [];
    delete server.properties['administrators'];
    try {
      expect(
        (await read(`${P.sqlPrivate.id}/auditingSettings/default`)).body<Item>().properties['state'],
      ).toBe('Disabled');
      expect((await read(`${P.sqlPrivate.id}/administrators`)).body<Page>().value).toEqual([]);
    } finally {
      audit.properties['state'] = 'Enabled';
      if (server.children && admins !== undefined) server.children['administrators'] = admins;
      server.properties['administrators'] = inline;
    }
  });
});

describe('PostgreSQL and MySQL flexible servers', () => {
  it('lists server parameters and firewall rules', async () => {
    const pg = await read(`${P.postgresAzureServices.id}/configurations`);
    const params = pg.body<Page<Item>>().value;
    expect(params.find((p) => p.name === 'require_secure_transport')).toMatchObject({
      id: `${P.postgresAzureServices.id}/configurations/require_secure_transport`,
      type: 'Microsoft.DBforPostgreSQL/flexibleServers/configurations',
      properties: { value: 'on', dataType: 'Boolean' },
    });
    const rules = (await read(`${P.postgresAzureServices.id}/firewallRules`)).body<Page<Item>>().value;
    expect(rules.map((r) => r.properties)).toContainEqual({
      startIpAddress: '0.0.0.0',
      endIpAddress: '0.0.0.0',
    });
    const my = (
      await read(`${P.mysqlNoSecureTransport.id}/configurations/require_secure_transport`)
    ).body<Item>();
    expect(my).toMatchObject({
      type: 'Microsoft.DBforMySQL/flexibleServers/configurations',
      properties: { value: 'OFF', source: 'user-override' },
    });
    expect((await read(`${P.mysqlNoSecureTransport.id}/firewallRules`)).body<Page>().value).toEqual([]);
  });
});

describe('App Service, storage and Key Vault', () => {
  it('answers config/web with TLS and FTP settings', async () => {
    const r = await read(`${P.appHttpsOnly.id}/config/web`);
    expect(r.status).toBe(200);
    expect(r.body<Item>()).toMatchObject({
      id: `${P.appHttpsOnly.id}/config/web`,
      name: 'web',
      type: 'Microsoft.Web/sites/config',
      properties: {
        minTlsVersion: expect.stringMatching(/^1\.[23]$/),
        ftpsState: expect.stringMatching(/^(FtpsOnly|Disabled)$/),
        http20Enabled: expect.any(Boolean),
      },
    });
    const all = await read(`${P.appHttpsOnly.id}/config`);
    expect(all.body<Page<Item>>().value.map((c) => c.name)).toEqual(['web']);
  });

  it('answers blobServices/default with both soft-delete policies', async () => {
    const r = await read(`${P.storagePrivateBlobs.id}/blobServices/default`);
    expect(r.body<Item>()).toMatchObject({
      id: `${P.storagePrivateBlobs.id}/blobServices/default`,
      name: 'default',
      type: 'Microsoft.Storage/storageAccounts/blobServices',
      properties: {
        deleteRetentionPolicy: { enabled: true, days: expect.any(Number) },
        containerDeleteRetentionPolicy: { enabled: true, days: expect.any(Number) },
      },
    });
  });

  it('lists Key Vault keys with their attributes (exp in epoch seconds)', async () => {
    const vault = fixture(P.keyVaultProtected.id);
    const saved = vault.children?.['keys'];
    if (vault.children)
      vault.children['keys'] = [
        { name: 'signing', properties: { attributes: { enabled: true, exp: 1_900_000_000 } } },
        { name: 'legacy', properties: { attributes: { enabled: true } } },
      ];
    try {
      const keys = (await read(`${P.keyVaultProtected.id}/keys`)).body<Page<Item>>().value;
      expect(keys).toEqual([
        {
          id: `${P.keyVaultProtected.id}/keys/signing`,
          name: 'signing',
          type: 'Microsoft.KeyVault/vaults/keys',
          properties: { attributes: { enabled: true, exp: 1_900_000_000 } },
        },
        expect.objectContaining({ name: 'legacy', properties: { attributes: { enabled: true } } }),
      ]);
    } finally {
      if (vault.children && saved !== undefined) vault.children['keys'] = saved;
    }
  });
});

describe('defaults, 404s, paging, access and paths', () => {
  it('serves what Azure defaults to for a resource a test adds without sub-resources', async () => {
    const id = `/subscriptions/${PROD}/resourceGroups/rg-prod-data/providers/Microsoft.Sql/servers/sql-added`;
    const sub = prod();
    sub?.resources.push({
      id,
      name: 'sql-added',
      type: 'Microsoft.Sql/servers',
      location: 'westeurope',
      properties: {},
    });
    try {
      expect((await read(`${id}/firewallRules`)).body<Page>().value).toEqual([]);
      expect((await read(`${id}/administrators`)).body<Page>().value).toEqual([]);
      expect((await read(`${id}/auditingSettings/default`)).body<Item>().properties['state']).toBe(
        'Disabled',
      );
    } finally {
      sub?.resources.pop();
    }
  });

  it('404 InvalidResourceType for an unknown sub-resource, ResourceNotFound for a missing one', async () => {
    const unknown = await read(`${P.sqlPrivate.id}/nonsense`);
    expect(unknown.status).toBe(404);
    expect(errorOf(unknown)).toEqual({
      code: 'InvalidResourceType',
      message:
        "The resource type 'servers/nonsense' could not be found in the namespace 'Microsoft.Sql' for api version '2023-08-01'.",
    });
    const missing = await read(`${P.sqlPrivate.id}/firewallRules/nope`);
    expect(missing.status).toBe(404);
    expect(errorOf(missing).code).toBe('ResourceNotFound');
    expect(errorOf(missing).message).toContain("'Microsoft.Sql/servers/firewallRules/sql-private/nope'");
    const noParent = await read(
      `/subscriptions/${PROD}/resourceGroups/rg-prod-data/providers/Microsoft.Sql/servers/ghost/firewallRules`,
    );
    expect(noParent.status).toBe(404);
    expect(errorOf(noParent).code).toBe('ParentResourceNotFound');
    const management = await read(`${P.storagePrivateBlobs.id}/managementPolicies/default`);
    expect(management.status).toBe(404);
  });

  it('pages a long list with absolute nextLinks that keep the api-version', async () => {
    const server = fixture(P.sqlPrivate.id);
    const saved = server.children?.['firewallRules'];
    if (server.children)
      server.children['firewallRules'] = Array.from({ length: 1500 }, (_, i) => ({
        name: `rule-${i}`,
        properties: {
          startIpAddress: `10.0.${i >> 8}.${i & 255}`,
          endIpAddress: `10.0.${i >> 8}.${i & 255}`,
        },
      }));
    try {
      const first = (await read(`${P.sqlPrivate.id}/firewallRules`)).body<Page>();
      expect(first.value).toHaveLength(1000);
      expect(first.nextLink?.startsWith(`${emu.url}${P.sqlPrivate.id}/firewallRules?`)).toBe(true);
      expect(first.nextLink).toContain('api-version=2023-08-01');
      const second = (await get(emu, first.nextLink ?? '', token)).body<Page>();
      expect(second.value).toHaveLength(500);
      expect(second.nextLink).toBeUndefined();
    } finally {
      if (server.children && saved !== undefined) server.children['firewallRules'] = saved;
    }
  });

  it('needs a read role (Reader has one; a data-plane role does not) and an api-version', async () => {
    const blobReader = await tokenFor(emu, SAMPLE.credentials.dataRoleOnly);
    const denied = await read(`${P.sqlPrivate.id}/firewallRules`, blobReader);
    expect(denied.status).toBe(403);
    expect(errorOf(denied).code).toBe('AuthorizationFailed');
    expect(errorOf(denied).message).toContain("action 'Microsoft.Sql/servers/firewallRules/read'");
    const noVersion = await get(emu, `${P.sqlPrivate.id}/firewallRules`, token);
    expect(noVersion.status).toBe(400);
    expect(errorOf(noVersion).code).toBe('MissingApiVersionParameter');
  });

  it('matches paths case-insensitively, with double slashes and lower-case resourcegroups', async () => {
    // `//subscriptions/…/resourcegroups/…` all in lower case, the sub-resource path in another case.
    const lower = `/${P.appHttpsOnly.id.toLowerCase()}/CONFIG/Web`;
    expect(lower).toContain('//subscriptions/');
    expect(lower).toContain('/resourcegroups/');
    const r = await read(lower);
    expect(r.status).toBe(200);
    expect(r.body<Item>().id).toBe(`${P.appHttpsOnly.id}/config/web`);
  });
});
