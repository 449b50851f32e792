import type { InventorySummary } from '../../src/core/inventory';
import { NameTakenError } from '../../src/core/store-port';
import { SqliteStore, UnknownWorkspaceError } from '../../src/store/sqlite';
import { key, newConnection, SECRET } from './store-fixtures';

const NOW = new Date('2025-03-01T10:00:00.000Z');

async function memoryStore(): Promise<SqliteStore> {
  let n = 0;
  const store = new SqliteStore({
    path: ':memory:',
    key: key(7),
    clock: { now: () => NOW },
    idFactory: () => `conn-${++n}`,
  });
  await store.migrate();
  await store.upsertWorkspace({ id: 'T-alpha', channel: 'teams', name: 'Alpha' });
  await store.upsertWorkspace({ id: 'T-beta', channel: 'slack' });
  return store;
}

const inventory: InventorySummary = {
  total: 3,
  byType: { 'Microsoft.Storage/storageAccounts': 2, 'Microsoft.Network/virtualNetworks': 1 },
  byLocation: { westeurope: 3 },
  byResourceGroup: { 'rg-prod': 3 },
  pages: 1,
};

describe('SqliteStore', () => {
  let store: SqliteStore;
  beforeEach(async () => {
    store = await memoryStore();
  });
  afterEach(() => store.close());

  it('round-trips a connection with every field, and its secret', async () => {
    const input = newConnection({
      description: 'Main subscription',
      roles: ['Reader', 'Security Reader'],
      status: 'error',
      statusReason: 'secret_expired',
      secretExpiresOn: '2025-12-31',
      expirySource: 'graph',
      inventory,
      lastSyncAt: '2025-03-01T09:00:00.000Z',
      notify: 'critical',
      conversationKey: '19:abc@thread.tacv2',
    });
    const created = await store.createConnection(input, SECRET);
    expect(created).toEqual({
      ...input,
      id: 'conn-1',
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
    });
    expect(await store.getConnection('conn-1')).toEqual(created);
    expect(await store.readSecret('conn-1')).toBe(SECRET);
  });

  it('leaves optional fields absent, not null', async () => {
    const created = await store.createConnection(newConnection(), SECRET);
    const got = await store.getConnection(created.id);
    for (const k of [
      'description',
      'statusReason',
      'secretExpiresOn',
      'inventory',
      'lastSyncAt',
      'conversationKey',
    ] as const)
      expect(got).not.toHaveProperty(k);
    expect(got).toEqual(created);
  });

  it('keeps names unique per workspace, case-insensitively, without storing half a connection', async () => {
    await store.createConnection(newConnection({ name: 'Prod' }), SECRET);
    await expect(store.createConnection(newConnection({ name: 'prod' }), 'other-secret')).rejects.toThrow(
      NameTakenError,
    );
    await expect(store.createConnection(newConnection({ name: ' PROD ' }), 'x')).rejects.toBeInstanceOf(
      NameTakenError,
    );
    expect(await store.listConnections('T-alpha')).toHaveLength(1);
    await expect(store.readSecret('conn-2')).rejects.toThrow(/no secret/);
    const other = await store.createConnection(
      newConnection({ workspaceId: 'T-beta', name: 'prod' }),
      SECRET,
    );
    expect(other.workspaceId).toBe('T-beta');
  });

  it('finds by name case-insensitively, only within the workspace', async () => {
    await store.createConnection(newConnection({ name: 'Production' }), SECRET);
    expect((await store.findConnectionByName('T-alpha', 'PRODUCTION'))?.name).toBe('Production');
    expect(await store.findConnectionByName('T-beta', 'production')).toBeUndefined();
    expect(await store.getConnection('nope')).toBeUndefined();
  });

  it('lists one workspace, ordered by name case-insensitively', async () => {
    for (const name of ['zeta', 'Alpha', 'beta'])
      await store.createConnection(newConnection({ name }), SECRET);
    await store.createConnection(newConnection({ workspaceId: 'T-beta', name: 'Other' }), SECRET);
    expect((await store.listConnections('T-alpha')).map((c) => c.name)).toEqual(['Alpha', 'beta', 'zeta']);
    expect((await store.listConnections('T-beta')).map((c) => c.name)).toEqual(['Other']);
    expect(await store.listConnections('T-gamma')).toEqual([]);
  });

  it('says clearly when the workspace was never stored', async () => {
    await expect(
      store.createConnection(newConnection({ workspaceId: 'T-unknown' }), SECRET),
    ).rejects.toBeInstanceOf(UnknownWorkspaceError);
  });

  it('saves conversation targets (upsert) per workspace', async () => {
    const ref = { conversation: { id: '19:abc' }, serviceUrl: 'https://smba.example/' };
    await store.saveConversation({ workspaceId: 'T-alpha', key: '19:abc', channel: 'teams', reference: ref });
    expect(await store.getConversation('T-alpha', '19:abc')).toEqual({
      workspaceId: 'T-alpha',
      key: '19:abc',
      channel: 'teams',
      reference: ref,
    });
    await store.saveConversation({
      workspaceId: 'T-alpha',
      key: '19:abc',
      channel: 'teams',
      reference: { v: 2 },
    });
    expect((await store.getConversation('T-alpha', '19:abc'))?.reference).toEqual({ v: 2 });
    expect(await store.getConversation('T-beta', '19:abc')).toBeUndefined();
  });

  it('lists the audit log newest first, per workspace, with a limit', async () => {
    await store.audit({
      workspaceId: 'T-alpha',
      actor: 'u1',
      action: 'connect',
      target: 'Prod',
      outcome: 'ok',
      at: '2025-03-01T10:00:00.000Z',
    });
    await store.audit({
      workspaceId: 'T-alpha',
      actor: 'u2',
      action: 'connect_failed',
      outcome: 'error',
      detail: 'secret_invalid',
      at: '2025-03-01T11:00:00.000Z',
    });
    await store.audit({
      workspaceId: 'T-beta',
      actor: 'u3',
      action: 'sync',
      outcome: 'ok',
      at: '2025-03-01T12:00:00.000Z',
    });
    const entries = await store.listAudit('T-alpha');
    expect(entries.map((e) => e.actor)).toEqual(['u2', 'u1']);
    expect(entries[0]).toEqual({
      workspaceId: 'T-alpha',
      actor: 'u2',
      action: 'connect_failed',
      outcome: 'error',
      detail: 'secret_invalid',
      at: '2025-03-01T11:00:00.000Z',
    });
    expect(entries[1]).not.toHaveProperty('detail');
    expect(await store.listAudit('T-alpha', 1)).toHaveLength(1);
  });

  it('answers ping while open and not after close (close is idempotent)', async () => {
    expect(await store.ping()).toBe(true);
    await store.close();
    await store.close();
    expect(await store.ping()).toBe(false);
  });
});
