/**
 * Scheduled syncs and what they post, on the core alone with a clock the test moves (no
 * sleeps): change-only messages, each finding announced once, broken and recovered, the
 * notification levels, delivery failures, and a restart in between.
 */
import { rule as acrAdmin } from '../../src/checks/containerregistry/containerregistry-admin-user-disabled';
import { rule as sqlOpen } from '../../src/checks/sql/sql-firewall-allows-all-internet';
import { rule as tls } from '../../src/checks/storage/storage-minimum-tls-version';
import { rule as publicBlob } from '../../src/checks/storage/storage-public-blob-access';
import { runText } from '../../src/core/commands/run';
import { stageError } from '../../src/core/error-catalogue';
import { StageFailure } from '../../src/core/errors';
import type { Delivery } from '../../src/core/notifier';
import type { ResourceModel } from '../../src/core/posture/rule';
import type { Reply } from '../../src/core/reply';
import { ensureSchedules } from '../../src/core/schedule/ensure';
import { nextSyncAt, resumedSyncAt, SCHEDULED_SYNC_JOB } from '../../src/core/schedule/schedule';
import { scheduledSyncJob } from '../../src/core/schedule/scheduled-sync';
import { startFollowUp } from '../../src/core/sync/job';
import { EmbeddedJobs } from '../../src/jobs/embedded';
import { FAKE_INVENTORY } from '../fakes/fake-azure';
import type { Sent } from '../fakes/recording-notifier';
import { type CoreWorld, connectThrough, coreWorld } from '../support/core-harness';

const HOUR = 3_600_000;
const INTERVAL = HOUR;
const RULES = [publicBlob, tls, acrAdmin, sqlOpen];
const SUB = '9531985d-5d9d-49f8-9818-e811892f902b';
const form = (name: string, conversation = 'conv-1') => ({
  name,
  subscriptionId: SUB,
  clientId: 'f53d4330-cd3a-4a35-8a32-0e8a57d6dd21',
  tenantId: 'contoso.onmicrosoft.com',
  clientSecret: `Abc8Q~schedule-test-secret-${conversation}-0123456789`,
});

const storage = (name: string, props: Record<string, unknown>): ResourceModel => ({
  id: `/subscriptions/${SUB}/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/${name}`,
  name,
  type: 'Microsoft.Storage/storageAccounts',
  resourceGroup: 'rg-data',
  properties: { allowBlobPublicAccess: false, minimumTlsVersion: 'TLS1_2', ...props },
});
const safe = storage('stsafe', {});
const acr = (name: string, admin: boolean): ResourceModel => ({
  id: `/subscriptions/${SUB}/resourceGroups/rg-web/providers/Microsoft.ContainerRegistry/registries/${name}`,
  name,
  type: 'Microsoft.ContainerRegistry/registries',
  resourceGroup: 'rg-web',
  properties: { adminUserEnabled: admin },
});

async function world(conversation = 'conv-1') {
  const w = coreWorld({ rules: RULES, syncIntervalMs: INTERVAL });
  w.azure.resources = [safe];
  await w.store.workspaces.upsert({ id: 'teams:t1', channel: 'teams' });
  for (const key of ['conv-1', 'conv-2'])
    await w.store.conversations.save({ workspaceId: 'teams:t1', key, channel: 'teams', reference: { key } });
  const { connection } = await connectThrough(w, form('Production', conversation));
  if (!connection) throw new Error('not connected');
  return { w, connection, posts: () => w.notifier.sent.filter((s) => s.op === 'post') };
}

/** Moves the clock past the next scheduled sync (interval + the largest jitter) and runs what is due. */
async function nextRound(w: CoreWorld): Promise<void> {
  w.clock.advance(INTERVAL + INTERVAL / 10);
  await w.jobs.runDue();
}

const text = (s: Sent | Reply) => JSON.stringify('reply' in s ? s.reply : s);
const syncs = (w: CoreWorld) => w.azure.calls.filter((c) => c.method === 'sync').length;

describe('scheduled syncs post only what changed, once', () => {
  it('no change: nothing; an insecure account added: one message naming it; then nothing again', async () => {
    const { w, posts } = await world();
    await nextRound(w);
    await nextRound(w);
    expect(syncs(w)).toBe(2);
    expect(posts()).toEqual([]);

    w.azure.resources = [safe, storage('stpublic', { allowBlobPublicAccess: true })];
    await nextRound(w);
    expect(posts()).toHaveLength(1);
    const [msg] = posts();
    expect(msg?.to).toEqual({ channel: 'teams', workspaceId: 'teams:t1', conversationKey: 'conv-1' });
    expect(text(msg as Sent)).toContain('Production: 1 new finding');
    expect(text(msg as Sent)).toContain('stpublic');
    expect(msg?.reply.kind === 'report' && msg.reply.view.actions.map((a) => a.label)).toEqual([
      'View findings',
      'Sync now',
    ]);

    await nextRound(w);
    await nextRound(w);
    expect(syncs(w)).toBe(5);
    expect(posts()).toHaveLength(1);
  });

  it('lists at most five, worst first, then "and N more"; resolved ones are counted', async () => {
    const { w, posts } = await world();
    w.azure.resources = [
      safe,
      ...Array.from({ length: 6 }, (_, i) => storage(`stpub${i}`, { allowBlobPublicAccess: true })),
      acr('acrone', true),
    ];
    await nextRound(w);
    const view = posts()[0]?.reply;
    if (view?.kind !== 'report') throw new Error('no report');
    expect(view.view.title).toBe('Production: 7 new findings');
    expect(view.view.sections[0]?.items).toHaveLength(5);
    expect(view.view.sections[0]?.lines).toEqual(['…and 2 more: View findings lists them all.']);
    w.azure.resources = [safe];
    await nextRound(w);
    expect(text(posts()[1] as Sent)).toContain('Production: 7 resolved');
  });

  it('mentions the asset count only when it moves by more than a little', async () => {
    const { w, posts } = await world();
    w.azure.inventoryOf = () => ({ ...FAKE_INVENTORY, total: 139 });
    await nextRound(w);
    expect(posts()).toEqual([]);
    w.azure.inventoryOf = () => ({ ...FAKE_INVENTORY, total: 160 });
    await nextRound(w);
    expect(text(posts()[0] as Sent)).toContain('Production: +21 assets');
  });

  it('a restart in between neither resets, doubles nor repeats anything', async () => {
    const { w, connection, posts } = await world();
    const before = await w.store.jobs.findOpen(SCHEDULED_SYNC_JOB, connection.id);
    // A new process: its own queue over the same store, schedules ensured at start.
    const jobs = new EmbeddedJobs(w.store.jobs, w.clock, w.log, { retryDelayMs: 1 });
    jobs.register(SCHEDULED_SYNC_JOB, scheduledSyncJob({ ...w.core, jobs }));
    await jobs.start();
    expect(await ensureSchedules({ ...w.core, jobs })).toBe(0);
    expect(await w.store.jobs.findOpen(SCHEDULED_SYNC_JOB, connection.id)).toEqual(before);
    await jobs.stop(1_000);

    w.azure.resources = [safe, storage('stpublic', { allowBlobPublicAccess: true })];
    await nextRound(w);
    expect(posts()).toHaveLength(1);
    await ensureSchedules(w.core);
    await nextRound(w);
    expect(posts()).toHaveLength(1);
    expect(syncs(w)).toBe(2);
  });

  it('a finding shown by the connect result is not announced again', async () => {
    const w = coreWorld({ rules: RULES, syncIntervalMs: INTERVAL });
    w.azure.resources = [storage('stpublic', { allowBlobPublicAccess: true })];
    await w.store.workspaces.upsert({ id: 'teams:t1', channel: 'teams' });
    await w.store.conversations.save({
      workspaceId: 'teams:t1',
      key: 'conv-1',
      channel: 'teams',
      reference: {},
    });
    await connectThrough(w, form('Production'));
    const afterConnect = w.notifier.sent.length;
    await nextRound(w);
    expect(w.notifier.sent.length).toBe(afterConnect);
  });

  it('a finding opened by a manual sync is announced by the next scheduled one, to the team', async () => {
    const { w, posts } = await world();
    w.azure.resources = [safe, acr('acrmanual', true)];
    const first = await runText(w.core, w.ctx(), 'sync Production');
    if (!first.followUp) throw new Error('no follow-up');
    await startFollowUp(w.core, first.followUp, {
      channel: 'teams',
      workspaceId: 'teams:t1',
      conversationKey: 'dm-ada',
    });
    await w.jobs.runDue();
    expect(posts()).toEqual([]);
    await nextRound(w);
    expect(posts()).toHaveLength(1);
    expect(text(posts()[0] as Sent)).toContain('acrmanual');
  });
});

describe('broken and recovered', () => {
  const revoked = () => {
    throw new StageFailure(
      stageError('signin', 'secret_invalid', { clientId: 'f53d4330-cd3a-4a35-8a32-0e8a57d6dd21' }),
    );
  };

  it('the first failure to sign in moves it to Error with one message; the first success brings one recovery', async () => {
    const { w, connection, posts } = await world();
    w.azure.syncFails = revoked;
    await nextRound(w);
    expect(posts()).toHaveLength(1);
    expect(text(posts()[0] as Sent)).toContain('Production is in Error');
    const broken = await w.store.connections.get('teams:t1', connection.id);
    expect(broken).toMatchObject({ status: 'error', statusSince: w.clock.now().toISOString() });
    expect(broken?.statusReason).toMatch(/secret/i);

    w.clock.advance(3 * HOUR);
    await w.jobs.runDue();
    await nextRound(w);
    expect(posts()).toHaveLength(1);
    const status = await runText(w.core, w.ctx(), 'status');
    expect(text(status)).toMatch(/"Error".*In Error since 4 hours ago/);

    w.azure.syncFails = undefined;
    await nextRound(w);
    expect(posts()).toHaveLength(2);
    expect(text(posts()[1] as Sent)).toContain('Production is Active again');
    expect(await w.store.connections.get('teams:t1', connection.id)).toMatchObject({ status: 'active' });
    await nextRound(w);
    expect(posts()).toHaveLength(2);
  });

  it('a failure that passes by itself (throttling) keeps it Active and silent, and status says so', async () => {
    const { w, posts } = await world();
    w.azure.syncFails = () => {
      throw new StageFailure(stageError('sync', 'throttled', { retryAfterSeconds: 600 }));
    };
    await nextRound(w);
    expect(posts()).toEqual([]);
    const status = text(await runText(w.core, w.ctx(), 'status'));
    expect(status).toContain('"Active"');
    expect(status).toContain('the latest attempt failed');
    w.azure.syncFails = undefined;
    await nextRound(w);
    expect(text(await runText(w.core, w.ctx(), 'status'))).not.toContain('the latest attempt failed');
  });
});

describe('notify levels', () => {
  it('critical: a medium finding is not posted, a critical one is', async () => {
    const { w, posts } = await world();
    expect(text(await runText(w.core, w.ctx(), 'notify Production critical'))).toContain(
      'Notifications for Production: critical',
    );
    w.azure.resources = [safe, storage('stoldtls', { minimumTlsVersion: 'TLS1_0' })];
    await nextRound(w);
    expect(posts()).toEqual([]);
    w.azure.resources = [
      safe,
      storage('stoldtls', { minimumTlsVersion: 'TLS1_0' }),
      {
        id: `/subscriptions/${SUB}/resourceGroups/rg-data/providers/Microsoft.Sql/servers/sqlopen`,
        name: 'sqlopen',
        type: 'Microsoft.Sql/servers',
        resourceGroup: 'rg-data',
        properties: {},
        children: {
          firewallRules: [
            { name: 'AllowAll', properties: { startIpAddress: '0.0.0.0', endIpAddress: '255.255.255.255' } },
          ],
        },
      },
    ];
    await nextRound(w);
    expect(posts()).toHaveLength(1);
    expect(text(posts()[0] as Sent)).toContain('sqlopen');
    expect(text(posts()[0] as Sent)).not.toContain('stoldtls');
  });

  it('off: nothing is posted, everything is recorded; all: a summary even without change', async () => {
    const { w, connection, posts } = await world();
    await runText(w.core, w.ctx(), 'notify Production off');
    w.azure.resources = [safe, acr('acroff', true)];
    await nextRound(w);
    expect(posts()).toEqual([]);
    expect((await w.store.findings.listOpen('teams:t1', connection.id, { offset: 0, limit: 10 })).total).toBe(
      1,
    );
    await runText(w.core, w.ctx(), 'notify Production all');
    await nextRound(w);
    expect(posts()).toHaveLength(1);
    expect(text(posts()[0] as Sent)).toContain('Production: no change');
    expect(text(await runText(w.core, w.ctx(), 'status'))).toContain('"Notifications","value":"every sync"');
  });

  it('is for admins, audited, and asks for a level when none is given', async () => {
    const w = coreWorld({ rules: RULES, admins: ['ada'] });
    await connectThrough(w, form('Production'));
    const refused = await runText(w.core, w.ctx({ actor: 'bob' }), 'notify Production off');
    expect(text(refused)).toContain('change its notifications');
    expect(text(await runText(w.core, w.ctx(), 'notify Production'))).toContain('Which level?');
    // A word that is no level is named, with an example that works.
    const loud = await runText(w.core, w.ctx(), 'notify production loud');
    expect(text(loud)).toContain('\\"loud\\" is not a level');
    expect(text(loud)).toContain('for example /osto notify Production changes.');
    await runText(w.core, w.ctx(), 'notify Production critical');
    const [entry] = await w.store.audit.list('teams:t1', 1);
    expect(entry).toMatchObject({
      action: 'notify',
      actor: 'ada',
      target: 'Production',
      detail: 'changes → critical',
    });
  });
});

describe('delivery failures', () => {
  it('a conversation that refuses every post is recorded and shown; another connection still gets its message', async () => {
    const { w, connection, posts } = await world('conv-1');
    const { connection: other } = await connectThrough(w, form('Staging', 'conv-2'), 'card-2', {
      conversationKey: 'conv-2',
    });
    expect(other?.conversationKey).toBe('conv-2');
    const refused: Delivery = { ok: false, failure: 'bot_removed', detail: 'HTTP 403' };
    w.notifier.answer = (s) =>
      s.to.conversationKey === 'conv-1' && s.op === 'post' ? refused : { ok: true };
    w.azure.resources = [safe, acr('acrnew', true)];
    await nextRound(w);
    const toConv2 = posts().filter((p) => p.to.conversationKey === 'conv-2');
    expect(toConv2.length).toBeGreaterThanOrEqual(1);
    const failing = await w.store.connections.get('teams:t1', connection.id);
    expect(failing?.notifyFailingSince).toBe(w.clock.now().toISOString());
    const status = text(await runText(w.core, w.ctx(), 'status Production'));
    expect(status).toContain(
      'failing since just now: the bot was removed from the conversation: add Osto back to it',
    );

    // Osto is added back: the next delivery clears it.
    w.notifier.answer = () => ({ ok: true });
    w.azure.resources = [safe, acr('acrnew', true), acr('acrsecond', true)];
    await nextRound(w);
    expect((await w.store.connections.get('teams:t1', connection.id))?.notifyFailingSince).toBeUndefined();
  });

  it('throttling is retried with backoff until it goes through', async () => {
    const { w, posts } = await world();
    let refusals = 2;
    w.notifier.answer = (s) =>
      s.op === 'post' && refusals-- > 0
        ? { ok: false, failure: 'throttled', detail: 'HTTP 429', retryAfterSeconds: 1 }
        : { ok: true };
    w.azure.resources = [safe, acr('acrretry', true)];
    await nextRound(w);
    for (let i = 0; i < 3; i++) {
      w.clock.advance(1_000);
      await w.jobs.runDue();
    }
    expect(posts().filter((p) => text(p).includes('acrretry'))).toHaveLength(3);
    expect(refusals).toBeLessThan(0);
  });
});

describe('the schedule itself', () => {
  it('spreads connections: 500 made at the same moment start over ten minutes, a few per second at most', () => {
    const at = new Date('2026-12-01T00:00:00.000Z');
    const six = 6 * HOUR;
    const times = Array.from({ length: 500 }, (_, i) => nextSyncAt(`conn-${i}`, at, six).getTime());
    for (const t of times) {
      expect(t).toBeGreaterThanOrEqual(at.getTime() + six);
      expect(t).toBeLessThan(at.getTime() + six + 10 * 60_000);
    }
    const perSecond = new Map<number, number>();
    for (const t of times)
      perSecond.set(Math.floor(t / 1000), (perSecond.get(Math.floor(t / 1000)) ?? 0) + 1);
    // 500 over 600 seconds: a few share a second, none piles up.
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(6);
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(9 * 60_000);
  });

  it('after a restart, resumes an interval after the last sync, never in the past, spread over minutes', () => {
    const now = new Date('2026-12-01T12:00:00.000Z');
    const recent = resumedSyncAt({ id: 'a', lastSyncAt: '2026-12-01T11:30:00.000Z' }, now, HOUR);
    expect(recent.getTime()).toBeGreaterThanOrEqual(Date.parse('2026-12-01T12:30:00.000Z'));
    const overdue = resumedSyncAt({ id: 'b', lastSyncAt: '2026-11-30T00:00:00.000Z' }, now, HOUR);
    expect(overdue.getTime()).toBeGreaterThanOrEqual(now.getTime());
    expect(overdue.getTime()).toBeLessThan(now.getTime() + 5 * 60_000);
  });

  it('a connection that had no schedule (an upgrade) gets one at start, only one', async () => {
    const { w, connection } = await world();
    const open = await w.store.jobs.findOpen(SCHEDULED_SYNC_JOB, connection.id);
    if (!open) throw new Error('no schedule');
    await w.store.jobs.complete(open.id);
    expect(await ensureSchedules(w.core)).toBe(1);
    expect(await ensureSchedules(w.core)).toBe(0);
  });
});
