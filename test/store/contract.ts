/**
 * The store contract: what every Store implementation (SQLite now, PostgreSQL later, the
 * in-memory fake for unit tests) must do, run against each by its own test file.
 */
import type { NewAttempt } from '../../src/core/attempt';
import type { InventorySummary } from '../../src/core/inventory';
import {
  AttemptExistsError,
  NameTakenError,
  type Store,
  UnknownWorkspaceError,
} from '../../src/core/store/ports';
import { newConnection, SECRET } from './store-fixtures';

export const CONTRACT_NOW = new Date('2025-03-01T10:00:00.000Z');

const inventory: InventorySummary = {
  total: 3,
  byType: { 'Microsoft.Storage/storageAccounts': 2, 'Microsoft.Network/virtualNetworks': 1 },
  byLocation: { westeurope: 3 },
  byResourceGroup: { 'rg-prod': 3 },
  pages: 1,
};

const attempt = (overrides: Partial<NewAttempt> = {}): NewAttempt => ({
  workspaceId: 'T-alpha',
  key: 'card-1',
  actor: 'u1',
  values: {
    name: 'Production',
    subscriptionId: 'a1b2c3d4-0000-4000-8000-000000000001',
    clientId: 'a1b2c3d4-0000-4000-8000-000000000002',
    tenantId: 'contoso.onmicrosoft.com',
  },
  progress: { channel: 'teams', workspaceId: 'T-alpha', conversationKey: '19:abc', messageId: 'card-1' },
  ...overrides,
});

/**
 * `make` returns a fresh, migrated store whose clock says CONTRACT_NOW and whose ids are
 * `id-1`, `id-2`, …
 */
export function storeContract(name: string, make: () => Promise<Store>): void {
  describe(`${name}: the store contract`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await make();
      await store.workspaces.upsert({ id: 'T-alpha', channel: 'teams', name: 'Alpha' });
      await store.workspaces.upsert({ id: 'T-beta', channel: 'slack' });
    });
    afterEach(() => store.close());

    describe('connections', () => {
      it('round-trip with every field, and their secret', async () => {
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
        const created = await store.connections.create(input, SECRET);
        expect(created).toEqual({
          ...input,
          id: created.id,
          createdAt: CONTRACT_NOW.toISOString(),
          updatedAt: CONTRACT_NOW.toISOString(),
        });
        expect(await store.connections.get('T-alpha', created.id)).toEqual(created);
        expect(await store.connections.readSecret('T-alpha', created.id)).toBe(SECRET);
      });

      it('leave optional fields absent, not null', async () => {
        const created = await store.connections.create(newConnection(), SECRET);
        const got = await store.connections.get('T-alpha', created.id);
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

      it('are reachable only from their own workspace: by id, by name, and their secret', async () => {
        const c = await store.connections.create(newConnection({ name: 'Production' }), SECRET);
        expect(await store.connections.get('T-beta', c.id)).toBeUndefined();
        expect(await store.connections.findByName('T-beta', 'production')).toBeUndefined();
        await expect(store.connections.readSecret('T-beta', c.id)).rejects.toThrow(/no secret/);
        expect((await store.connections.findByName('T-alpha', 'PRODUCTION'))?.name).toBe('Production');
        expect(await store.connections.get('T-alpha', 'nope')).toBeUndefined();
      });

      it('keep names unique per workspace, case-insensitively, without storing half a connection', async () => {
        await store.connections.create(newConnection({ name: 'Prod' }), SECRET);
        await expect(store.connections.create(newConnection({ name: 'prod' }), 'other')).rejects.toThrow(
          NameTakenError,
        );
        await expect(store.connections.create(newConnection({ name: ' PROD ' }), 'x')).rejects.toBeInstanceOf(
          NameTakenError,
        );
        expect(await store.connections.list('T-alpha')).toHaveLength(1);
        const other = await store.connections.create(
          newConnection({ workspaceId: 'T-beta', name: 'prod' }),
          SECRET,
        );
        expect(other.workspaceId).toBe('T-beta');
      });

      it('list one workspace, ordered by name case-insensitively', async () => {
        for (const n of ['zeta', 'Alpha', 'beta'])
          await store.connections.create(newConnection({ name: n }), SECRET);
        await store.connections.create(newConnection({ workspaceId: 'T-beta', name: 'Other' }), SECRET);
        expect((await store.connections.list('T-alpha')).map((c) => c.name)).toEqual([
          'Alpha',
          'beta',
          'zeta',
        ]);
        expect((await store.connections.list('T-beta')).map((c) => c.name)).toEqual(['Other']);
        expect(await store.connections.list('T-gamma')).toEqual([]);
      });

      it('say clearly when the workspace was never stored', async () => {
        await expect(
          store.connections.create(newConnection({ workspaceId: 'T-unknown' }), SECRET),
        ).rejects.toBeInstanceOf(UnknownWorkspaceError);
      });
    });

    describe('connection updates', () => {
      it('change what a sync learned, in their own workspace only', async () => {
        const c = await store.connections.create(newConnection(), SECRET);
        const updated = await store.connections.update('T-alpha', c.id, {
          inventory,
          findings: { critical: 1, high: 2, medium: 0, low: 0, informational: 0 },
          syncPartial: ['SQL servers: firewall rules (HTTP 500)'],
          lastSyncAt: '2025-03-01T11:00:00.000Z',
        });
        expect(updated).toMatchObject({
          inventory,
          findings: { critical: 1, high: 2 },
          syncPartial: [expect.any(String)],
        });
        expect(await store.connections.get('T-alpha', c.id)).toEqual(updated);
        expect(await store.connections.update('T-beta', c.id, { status: 'error' })).toBeUndefined();
        expect((await store.connections.get('T-alpha', c.id))?.status).toBe('active');
        expect(await store.connections.readSecret('T-alpha', c.id)).toBe(SECRET);
      });
    });

    describe('schedules and sync leases', () => {
      it('list every connection for the scheduler, with its last sync', async () => {
        const a = await store.connections.create(newConnection({ name: 'A' }), SECRET);
        const b = await store.connections.create(
          newConnection({ name: 'B', workspaceId: 'T-beta', lastSyncAt: '2025-03-01T09:00:00.000Z' }),
          SECRET,
        );
        const all = await store.connections.listForSchedule();
        expect(all).toEqual(
          expect.arrayContaining([
            { id: a.id, workspaceId: 'T-alpha' },
            { id: b.id, workspaceId: 'T-beta', lastSyncAt: '2025-03-01T09:00:00.000Z' },
          ]),
        );
        expect(all).toHaveLength(2);
      });

      it('let one sync of a connection hold the lease until it is released or runs out', async () => {
        const c = await store.connections.create(newConnection(), SECRET);
        const later = (s: number) => new Date(CONTRACT_NOW.getTime() + s * 1000);
        expect(await store.connections.claimSync('T-alpha', c.id, CONTRACT_NOW, later(60))).toBe(true);
        expect(await store.connections.claimSync('T-alpha', c.id, later(30), later(90))).toBe(false);
        expect(await store.connections.claimSync('T-beta', c.id, later(90), later(120))).toBe(false);
        // A holder that crashed: its lease runs out.
        expect(await store.connections.claimSync('T-alpha', c.id, later(61), later(120))).toBe(true);
        await store.connections.releaseSync('T-alpha', c.id);
        expect(await store.connections.claimSync('T-alpha', c.id, later(62), later(122))).toBe(true);
      });

      it('keep status since, the last sync error and notification failures', async () => {
        const c = await store.connections.create(newConnection(), SECRET);
        const patch = {
          status: 'error' as const,
          statusReason: 'The client secret is wrong.',
          statusSince: '2025-03-01T10:00:00.000Z',
          syncError: 'Azure did not answer.',
          notifyFailingSince: '2025-03-01T10:05:00.000Z',
          notifyFailure: 'The bot was removed from this team.',
        };
        expect(await store.connections.update('T-alpha', c.id, patch)).toMatchObject(patch);
        expect(await store.connections.get('T-alpha', c.id)).toMatchObject(patch);
        const cleared = await store.connections.update('T-alpha', c.id, {
          syncError: undefined,
          notifyFailingSince: undefined,
          notifyFailure: undefined,
        });
        expect(cleared).not.toHaveProperty('syncError');
        expect(await store.connections.get('T-alpha', c.id)).not.toHaveProperty('notifyFailure');
      });
    });

    describe('removing a connection', () => {
      it('takes everything of it, only in its own workspace; the audit log stays', async () => {
        const c = await store.connections.create(newConnection({ secretFingerprint: 'fp' }), SECRET);
        const other = await store.connections.create(newConnection({ name: 'Other' }), 'other-secret');
        await store.findings.apply(
          'T-alpha',
          c.id,
          [
            {
              ruleId: 'r1',
              severity: 'high',
              resourceId: '/x/a',
              resourceName: 'a',
              resourceType: 't',
              reason: 'r',
            },
          ],
          new Set(['r1']),
          't1',
        );
        await store.expiryAlerts.record('T-alpha', c.id, 'fp', '7', 't1');
        await store.jobs.enqueue({
          kind: 'sync.scheduled',
          key: c.id,
          payload: {},
          maxAttempts: 1,
          runAt: CONTRACT_NOW,
        });
        await store.jobs.enqueue({
          kind: 'notify.post',
          key: `${c.id}|x`,
          payload: {},
          maxAttempts: 1,
          runAt: CONTRACT_NOW,
        });
        await store.jobs.enqueue({
          kind: 'sync.scheduled',
          key: other.id,
          payload: {},
          maxAttempts: 1,
          runAt: CONTRACT_NOW,
        });
        const rot = await store.attempts.create(
          attempt({ kind: 'rotate', connectionId: c.id, key: 'r' }),
          'pending-secret',
        );
        await store.audit.append({
          workspaceId: 'T-alpha',
          actor: 'u',
          action: 'connect',
          target: c.name,
          outcome: 'ok',
          at: 't0',
        });

        expect(await store.connections.remove('T-beta', c.id)).toBe(false);
        expect(await store.connections.get('T-alpha', c.id)).toBeDefined();
        expect(await store.connections.remove('T-alpha', c.id)).toBe(true);
        expect(await store.connections.remove('T-alpha', c.id)).toBe(false);

        expect(await store.connections.get('T-alpha', c.id)).toBeUndefined();
        await expect(store.connections.readSecret('T-alpha', c.id)).rejects.toThrow();
        expect(await store.findings.listOpen('T-alpha', c.id, { offset: 0, limit: 10 })).toEqual({
          items: [],
          total: 0,
        });
        expect(await store.expiryAlerts.list('T-alpha', c.id, 'fp')).toEqual([]);
        expect(await store.jobs.findOpen('sync.scheduled', c.id)).toBeUndefined();
        expect(await store.jobs.findOpen('notify.post', `${c.id}|x`)).toBeUndefined();
        expect(await store.jobs.findOpen('sync.scheduled', other.id)).toBeDefined();
        expect(await store.attempts.get('T-alpha', rot.id)).toMatchObject({ status: 'failed' });
        await expect(store.attempts.readSecret('T-alpha', rot.id)).rejects.toThrow();
        expect(await store.connections.readSecret('T-alpha', other.id)).toBe('other-secret');
        expect((await store.audit.list('T-alpha')).map((a) => a.action)).toEqual(['connect']);
      });
    });

    describe('secrets and their expiry alerts', () => {
      it('replace a secret in one step, the expiry facts with it, only in its own workspace', async () => {
        const c = await store.connections.create(
          newConnection({ secretFingerprint: 'fp-1', secretExpiresOn: '2025-03-06T00:00:00.000Z' }),
          SECRET,
        );
        await store.connections.update('T-alpha', c.id, { expirySnoozedUntil: '2025-03-02T10:00:00.000Z' });
        expect(
          await store.connections.replaceSecret('T-beta', c.id, 'other', {
            secretFingerprint: 'x',
            expirySource: 'form',
          }),
        ).toBeUndefined();
        const next = await store.connections.replaceSecret('T-alpha', c.id, 'the-new-secret', {
          secretFingerprint: 'fp-2',
          expirySource: 'graph',
          secretExpiresOn: '2026-03-01T00:00:00.000Z',
        });
        expect(next).toMatchObject({
          secretFingerprint: 'fp-2',
          secretExpiresOn: '2026-03-01T00:00:00.000Z',
        });
        expect(next).not.toHaveProperty('expirySnoozedUntil');
        expect(await store.connections.readSecret('T-alpha', c.id)).toBe('the-new-secret');
        const unknown = await store.connections.replaceSecret('T-alpha', c.id, 'third', {
          secretFingerprint: 'fp-3',
          expirySource: 'unknown',
        });
        expect(unknown).not.toHaveProperty('secretExpiresOn');
        expect(await store.connections.get('T-alpha', c.id)).toEqual(unknown);
      });

      it('record each (secret, threshold) alert once, per connection and workspace', async () => {
        const c = await store.connections.create(newConnection(), SECRET);
        expect(await store.expiryAlerts.record('T-alpha', c.id, 'fp-1', '7', 't1')).toBe(true);
        expect(await store.expiryAlerts.record('T-alpha', c.id, 'fp-1', '7', 't2')).toBe(false);
        expect(await store.expiryAlerts.record('T-alpha', c.id, 'fp-1', '3', 't3')).toBe(true);
        expect(await store.expiryAlerts.record('T-alpha', c.id, 'fp-2', '7', 't4')).toBe(true);
        expect(await store.expiryAlerts.record('T-beta', c.id, 'fp-1', '1', 't5')).toBe(false);
        expect(await store.expiryAlerts.list('T-alpha', c.id, 'fp-1')).toEqual(['7', '3']);
        expect(await store.expiryAlerts.list('T-beta', c.id, 'fp-1')).toEqual([]);
      });

      it('keep a rotate attempt apart from a connect attempt', async () => {
        const c = await store.connections.create(newConnection(), SECRET);
        const a = await store.attempts.create(
          attempt({ kind: 'rotate', connectionId: c.id, key: 'rot-1' }),
          'new',
        );
        expect(await store.attempts.get('T-alpha', a.id)).toMatchObject({
          kind: 'rotate',
          connectionId: c.id,
        });
        const plain = await store.attempts.create(attempt({ key: 'con-1' }), 'x');
        expect(plain.kind).toBe('connect');
        await store.attempts.finish('T-alpha', a.id, { status: 'failed', outcome: 'signin: secret_invalid' });
        expect(await store.attempts.get('T-alpha', a.id)).toMatchObject({
          kind: 'rotate',
          connectionId: c.id,
        });
      });
    });

    describe('findings', () => {
      const f = (ruleId: string, resourceId: string, severity: 'critical' | 'high' | 'low' = 'high') => ({
        ruleId,
        severity,
        resourceId,
        resourceName: resourceId.split('/').pop() ?? resourceId,
        resourceType: 'Microsoft.Storage/storageAccounts',
        resourceGroup: 'rg',
        reason: `${ruleId} fails`,
      });
      const ALL = new Set(['r1', 'r2', 'r3']);

      it('open once, resolve when a complete rule no longer sees them, come back as new', async () => {
        const c = await store.connections.create(newConnection(), SECRET);
        const first = await store.findings.apply(
          'T-alpha',
          c.id,
          [f('r1', '/x/a'), f('r2', '/x/b', 'critical')],
          ALL,
          't1',
        );
        expect(first.opened.map((x) => x.ruleId).sort()).toEqual(['r1', 'r2']);
        expect(first.open).toMatchObject({ critical: 1, high: 1 });
        const same = await store.findings.apply(
          'T-alpha',
          c.id,
          [f('r1', '/X/A'), f('r2', '/x/b', 'critical')],
          ALL,
          't2',
        );
        expect(same.opened).toEqual([]);
        expect(same.resolved).toEqual([]);
        const gone = await store.findings.apply('T-alpha', c.id, [f('r2', '/x/b', 'critical')], ALL, 't3');
        expect(gone.resolved.map((x) => [x.ruleId, x.resolvedAt])).toEqual([['r1', 't3']]);
        expect(gone.open).toMatchObject({ critical: 1, high: 0 });
        const back = await store.findings.apply(
          'T-alpha',
          c.id,
          [f('r1', '/x/a'), f('r2', '/x/b', 'critical')],
          ALL,
          't4',
        );
        expect(back.opened.map((x) => [x.ruleId, x.firstSeen])).toEqual([['r1', 't4']]);
      });

      it('are not resolved by a sync that could not judge their rule', async () => {
        const c = await store.connections.create(newConnection(), SECRET);
        await store.findings.apply('T-alpha', c.id, [f('r1', '/x/a'), f('r2', '/x/b')], ALL, 't1');
        const partial = await store.findings.apply('T-alpha', c.id, [], new Set(['r2']), 't2');
        expect(partial.resolved.map((x) => x.ruleId)).toEqual(['r2']);
        expect(partial.open.high).toBe(1);
      });

      it('are announced once: the unannounced open ones listed worst first, then marked', async () => {
        const c = await store.connections.create(newConnection(), SECRET);
        await store.findings.apply(
          'T-alpha',
          c.id,
          [f('r1', '/x/a'), f('r2', '/x/b', 'critical')],
          ALL,
          't1',
        );
        expect((await store.findings.listUnannounced('T-alpha', c.id)).map((x) => x.ruleId)).toEqual([
          'r2',
          'r1',
        ]);
        expect(await store.findings.listUnannounced('T-beta', c.id)).toEqual([]);
        expect(await store.findings.markAnnounced('T-beta', c.id, 't2')).toBe(0);
        expect(await store.findings.markAnnounced('T-alpha', c.id, 't2')).toBe(2);
        expect(await store.findings.listUnannounced('T-alpha', c.id)).toEqual([]);
        await store.findings.apply(
          'T-alpha',
          c.id,
          [f('r1', '/x/a'), f('r2', '/x/b', 'critical'), f('r3', '/x/c', 'low')],
          ALL,
          't3',
        );
        const fresh = await store.findings.listUnannounced('T-alpha', c.id);
        expect(fresh.map((x) => x.ruleId)).toEqual(['r3']);
        await store.findings.markAnnounced('T-alpha', c.id, 't4');
        const page = await store.findings.listOpen('T-alpha', c.id, { offset: 0, limit: 10 });
        expect(page.items.map((x) => [x.ruleId, x.announcedAt])).toEqual([
          ['r2', 't2'],
          ['r1', 't2'],
          ['r3', 't4'],
        ]);
      });

      it('list worst first, a page at a time, by severity, only in their workspace', async () => {
        const c = await store.connections.create(newConnection(), SECRET);
        await store.findings.apply(
          'T-alpha',
          c.id,
          [f('r3', '/x/zed', 'low'), f('r1', '/x/b'), f('r1', '/x/A'), f('r2', '/x/c', 'critical')],
          ALL,
          't1',
        );
        const page = await store.findings.listOpen('T-alpha', c.id, { offset: 0, limit: 3 });
        expect(page.total).toBe(4);
        expect(page.items.map((x) => `${x.severity}:${x.resourceName}`)).toEqual([
          'critical:c',
          'high:A',
          'high:b',
        ]);
        expect(
          (await store.findings.listOpen('T-alpha', c.id, { offset: 3, limit: 3 })).items.map(
            (x) => x.resourceName,
          ),
        ).toEqual(['zed']);
        expect(
          (await store.findings.listOpen('T-alpha', c.id, { severity: 'high', offset: 0, limit: 10 })).total,
        ).toBe(2);
        expect(await store.findings.listOpen('T-beta', c.id, { offset: 0, limit: 10 })).toEqual({
          items: [],
          total: 0,
        });
      });

      it('keep a snapshot of each sync; the latest is read back', async () => {
        const c = await store.connections.create(newConnection(), SECRET);
        const snap = (at: string) => ({
          connectionId: c.id,
          at,
          trigger: 'manual' as const,
          durationMs: 1200,
          inventory,
          severity: { critical: 0, high: 1, medium: 0, low: 0, informational: 0 },
          opened: 1,
          resolved: 0,
          partial: [],
        });
        await store.snapshots.add('T-alpha', snap('2025-03-01T10:00:00.000Z'));
        await store.snapshots.add('T-alpha', snap('2025-03-01T11:00:00.000Z'));
        expect((await store.snapshots.latest('T-alpha', c.id))?.at).toBe('2025-03-01T11:00:00.000Z');
        expect(await store.snapshots.latest('T-beta', c.id)).toBeUndefined();
      });
    });

    describe('connect attempts', () => {
      it('are stored pending with their secret, once per workspace and key', async () => {
        const a = await store.attempts.create(attempt(), SECRET);
        expect(a).toMatchObject({ status: 'pending', runs: 0, key: 'card-1', actor: 'u1' });
        expect(await store.attempts.get('T-alpha', a.id)).toEqual(a);
        expect(await store.attempts.findByKey('T-alpha', 'card-1')).toEqual(a);
        expect(await store.attempts.readSecret('T-alpha', a.id)).toBe(SECRET);
        await expect(store.attempts.create(attempt(), SECRET)).rejects.toBeInstanceOf(AttemptExistsError);
        expect(await store.attempts.get('T-beta', a.id)).toBeUndefined();
        await expect(store.attempts.readSecret('T-beta', a.id)).rejects.toThrow(/no secret/);
        const elsewhere = await store.attempts.create(attempt({ workspaceId: 'T-beta' }), SECRET);
        expect(elsewhere.id).not.toBe(a.id);
      });

      it('once ended, the same key starts a new attempt (a "Try again" on the same card)', async () => {
        const a = await store.attempts.create(attempt(), SECRET);
        await store.attempts.finish('T-alpha', a.id, { status: 'failed', outcome: 'signin: secret_invalid' });
        const again = await store.attempts.create(attempt(), 'another-secret');
        expect(again.id).not.toBe(a.id);
        expect((await store.attempts.findByKey('T-alpha', 'card-1'))?.id).toBe(again.id);
        await expect(store.attempts.create(attempt(), SECRET)).rejects.toBeInstanceOf(AttemptExistsError);
      });

      it('run, move their progress, and end without their secret', async () => {
        const a = await store.attempts.create(attempt(), SECRET);
        await store.attempts.setProgress('T-alpha', a.id, { ...a.progress, messageId: 'post-2' });
        const running = await store.attempts.markRunning('T-alpha', a.id);
        expect(running).toMatchObject({ status: 'running', runs: 1, progress: { messageId: 'post-2' } });
        expect((await store.attempts.listUnfinished()).map((x) => x.id)).toEqual([a.id]);
        await store.attempts.finish('T-alpha', a.id, { status: 'failed', outcome: 'signin: secret_invalid' });
        expect(await store.attempts.get('T-alpha', a.id)).toMatchObject({
          status: 'failed',
          outcome: 'signin: secret_invalid',
          finishedAt: CONTRACT_NOW.toISOString(),
        });
        await expect(store.attempts.readSecret('T-alpha', a.id)).rejects.toThrow(/no secret/);
        expect(await store.attempts.listUnfinished()).toEqual([]);
      });
    });

    describe('jobs', () => {
      const spec = (key: string, runAt = CONTRACT_NOW) => ({
        kind: 'k',
        key,
        payload: { n: key },
        maxAttempts: 2,
        runAt,
      });

      it('are unique per kind and key while unfinished', async () => {
        expect(await store.jobs.enqueue(spec('a'))).toBe(true);
        expect(await store.jobs.enqueue(spec('a'))).toBe(false);
        const [job] = await store.jobs.claimDue(CONTRACT_NOW, ['k'], 10);
        expect(job).toMatchObject({
          kind: 'k',
          key: 'a',
          payload: { n: 'a' },
          status: 'running',
          attempt: 1,
        });
        expect(await store.jobs.enqueue(spec('a'))).toBe(false);
        await store.jobs.complete((job as { id: string }).id);
        expect(await store.jobs.enqueue(spec('a'))).toBe(true);
      });

      it('finished ones (done or failed) are pruned by age; unfinished ones never', async () => {
        await store.jobs.enqueue(spec('done'));
        await store.jobs.enqueue(spec('failed'));
        await store.jobs.enqueue(spec('queued'));
        const claimed = await store.jobs.claimDue(CONTRACT_NOW, ['k'], 2);
        const id = (key: string) => claimed.find((j) => j.key === key)?.id ?? '';
        await store.jobs.complete(id('done'));
        await store.jobs.fail(id('failed'), 'boom');
        const decade = 86_400_000 * 3650;
        expect(await store.jobs.prune(new Date(CONTRACT_NOW.getTime() - decade))).toBe(0);
        expect(await store.jobs.prune(new Date(CONTRACT_NOW.getTime() + decade))).toBe(2);
        expect(await store.jobs.findOpen('k', 'queued')).toMatchObject({ status: 'queued' });
        expect(await store.jobs.enqueue(spec('done'))).toBe(true);
      });

      it('are claimed when due, oldest first, each once', async () => {
        await store.jobs.enqueue(spec('later', new Date(CONTRACT_NOW.getTime() + 60_000)));
        await store.jobs.enqueue(spec('b', new Date(CONTRACT_NOW.getTime() - 1_000)));
        await store.jobs.enqueue(spec('c'));
        expect((await store.jobs.claimDue(CONTRACT_NOW, ['k'], 10)).map((j) => j.key)).toEqual(['b', 'c']);
        expect(await store.jobs.claimDue(CONTRACT_NOW, ['k'], 10)).toEqual([]);
        expect(await store.jobs.claimDue(CONTRACT_NOW, ['other'], 10)).toEqual([]);
        expect(await store.jobs.nextRunAt(['k'])).toEqual(new Date(CONTRACT_NOW.getTime() + 60_000));
      });

      it('recur: a running job is queued again as a fresh one; the open one of a key is found', async () => {
        await store.jobs.enqueue(spec('every'));
        const [job] = await store.jobs.claimDue(CONTRACT_NOW, ['k'], 1);
        const id = (job as { id: string }).id;
        expect(await store.jobs.findOpen('k', 'every')).toMatchObject({ id, status: 'running' });
        const next = new Date(CONTRACT_NOW.getTime() + 3_600_000);
        await store.jobs.reschedule(id, next);
        expect(await store.jobs.findOpen('k', 'every')).toMatchObject({
          id,
          status: 'queued',
          attempt: 0,
          runAt: next.toISOString(),
        });
        expect(await store.jobs.enqueue(spec('every'))).toBe(false);
        expect(await store.jobs.findOpen('k', 'none')).toBeUndefined();
      });

      it('fail into a retry or for good; a running one can be put back in the queue', async () => {
        await store.jobs.enqueue(spec('x'));
        const [job] = await store.jobs.claimDue(CONTRACT_NOW, ['k'], 1);
        const id = (job as { id: string }).id;
        await store.jobs.fail(id, 'boom', CONTRACT_NOW);
        const [again] = await store.jobs.claimDue(CONTRACT_NOW, ['k'], 1);
        expect(again).toMatchObject({ id, attempt: 2, lastError: 'boom' });
        expect((await store.jobs.listRunning()).map((j) => j.id)).toEqual([id]);
        await store.jobs.requeue(id, CONTRACT_NOW);
        expect(await store.jobs.listRunning()).toEqual([]);
        const [third] = await store.jobs.claimDue(CONTRACT_NOW, ['k'], 1);
        await store.jobs.fail((third as { id: string }).id, 'for good');
        expect(await store.jobs.claimDue(CONTRACT_NOW, ['k'], 1)).toEqual([]);
      });
    });

    describe('transactions', () => {
      it('commit together, or leave nothing behind', async () => {
        await store.transaction(async (tx) => {
          await tx.connections.create(newConnection({ name: 'One' }), SECRET);
          await tx.audit.append({
            workspaceId: 'T-alpha',
            actor: 'u',
            action: 'connect',
            outcome: 'ok',
            at: '2025-03-01T10:00:00.000Z',
          });
        });
        await expect(
          store.transaction(async (tx) => {
            await tx.connections.create(newConnection({ name: 'Two' }), SECRET);
            throw new Error('halfway');
          }),
        ).rejects.toThrow('halfway');
        expect((await store.connections.list('T-alpha')).map((c) => c.name)).toEqual(['One']);
        expect(await store.audit.list('T-alpha')).toHaveLength(1);
      });

      it('make other callers wait until they end', async () => {
        let release: () => void = () => {};
        const gate = new Promise<void>((r) => {
          release = r;
        });
        const tx = store.transaction(async (t) => {
          await t.connections.create(newConnection({ name: 'Inside' }), SECRET);
          await gate;
          throw new Error('rolled back');
        });
        const outside = store.connections.list('T-alpha');
        release();
        await expect(tx).rejects.toThrow('rolled back');
        expect(await outside).toEqual([]);
      });

      it('that wait for the same one run one after another, every write kept', async () => {
        let release: () => void = () => {};
        const gate = new Promise<void>((r) => {
          release = r;
        });
        const first = store.transaction(async (t) => {
          await t.connections.create(newConnection({ name: 'First' }), SECRET);
          await gate;
        });
        const waiting = ['Second', 'Third', 'Fourth'].map((name) =>
          store.transaction(async (t) => {
            await t.connections.create(newConnection({ name }), SECRET);
          }),
        );
        release();
        await Promise.all([first, ...waiting]);
        expect((await store.connections.list('T-alpha')).map((c) => c.name).sort()).toEqual([
          'First',
          'Fourth',
          'Second',
          'Third',
        ]);
      });
    });

    it('save conversation targets (upsert) per workspace', async () => {
      const ref = { conversation: { id: '19:abc' }, serviceUrl: 'https://smba.example/' };
      await store.conversations.save({
        workspaceId: 'T-alpha',
        key: '19:abc',
        channel: 'teams',
        reference: ref,
      });
      expect(await store.conversations.get('T-alpha', '19:abc')).toEqual({
        workspaceId: 'T-alpha',
        key: '19:abc',
        channel: 'teams',
        reference: ref,
      });
      await store.conversations.save({
        workspaceId: 'T-alpha',
        key: '19:abc',
        channel: 'teams',
        reference: { v: 2 },
      });
      expect((await store.conversations.get('T-alpha', '19:abc'))?.reference).toEqual({ v: 2 });
      expect(await store.conversations.get('T-beta', '19:abc')).toBeUndefined();
    });

    it('list the audit entries of one connection name, in any case', async () => {
      const e = (target: string, at: string) => ({
        workspaceId: 'T-alpha',
        actor: 'u',
        action: 'notify' as const,
        target,
        outcome: 'ok' as const,
        at,
      });
      await store.audit.append(e('Production', 't1'));
      await store.audit.append(e('Staging', 't2'));
      await store.audit.append(e('PRODUCTION', 't3'));
      expect((await store.audit.list('T-alpha', 20, 'production')).map((a) => a.at)).toEqual(['t3', 't1']);
      expect(await store.audit.list('T-beta', 20, 'production')).toEqual([]);
    });

    it("keep the actor's display name beside the id, when one was given", async () => {
      const base = { workspaceId: 'T-alpha', action: 'notify' as const, outcome: 'ok' as const, target: 'P' };
      await store.audit.append({ ...base, actor: 'u1', actorName: 'Ada Lovelace', at: 't1' });
      await store.audit.append({ ...base, actor: 'u2', at: 't2' });
      const [second, first] = await store.audit.list('T-alpha', 20);
      expect(first).toMatchObject({ actor: 'u1', actorName: 'Ada Lovelace' });
      expect(second).not.toHaveProperty('actorName');
    });

    it('keep the part of a resource a finding is about (the NSG rule at fault)', async () => {
      const c = await store.connections.create(newConnection(), SECRET);
      const f = (ruleId: string, resourceId: string) => ({
        ruleId,
        severity: 'critical' as const,
        resourceId,
        resourceName: 'nsg',
        resourceType: 'Microsoft.Network/networkSecurityGroups',
        reason: 'open',
      });
      const seen = [{ ...f('r1', '/x/nsg'), subject: 'allow-rdp-any' }, f('r2', '/x/other')];
      const { opened } = await store.findings.apply('T-alpha', c.id, seen, new Set(['r1', 'r2']), 't1');
      expect(opened.find((x) => x.ruleId === 'r1')?.subject).toBe('allow-rdp-any');
      const { items } = await store.findings.listOpen('T-alpha', c.id, { offset: 0, limit: 10 });
      expect(items.find((x) => x.ruleId === 'r1')?.subject).toBe('allow-rdp-any');
      expect(items.find((x) => x.ruleId === 'r2')).not.toHaveProperty('subject');
    });

    it('list the audit log newest first, per workspace, with a limit', async () => {
      const entry = { actor: 'u1', outcome: 'ok' as const };
      await store.audit.append({
        ...entry,
        workspaceId: 'T-alpha',
        action: 'connect',
        target: 'Prod',
        at: '2025-03-01T10:00:00.000Z',
      });
      await store.audit.append({
        workspaceId: 'T-alpha',
        actor: 'u2',
        action: 'connect_failed',
        outcome: 'error',
        detail: 'secret_invalid',
        at: '2025-03-01T11:00:00.000Z',
      });
      await store.audit.append({
        ...entry,
        workspaceId: 'T-beta',
        actor: 'u3',
        action: 'sync',
        at: '2025-03-01T12:00:00.000Z',
      });
      const entries = await store.audit.list('T-alpha');
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
      expect(await store.audit.list('T-alpha', 1)).toHaveLength(1);
    });

    it('answers ping while open and not after close (close is idempotent)', async () => {
      expect(await store.ping()).toBe(true);
      await store.close();
      await store.close();
      expect(await store.ping()).toBe(false);
    });
  });
}
