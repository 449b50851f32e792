/**
 * Secret-expiry alerts on the core with a clock the test moves: one alert per threshold, in
 * order, never twice (also across a restart), the move to Error, snooze, the Graph 403 case,
 * and rotate (a wrong secret changes nothing; a good one replaces the old and starts afresh).
 */
import { runCommand, runText } from '../../src/core/commands/run';
import { startConnect } from '../../src/core/connect/begin';
import { stageError } from '../../src/core/error-catalogue';
import { StageFailure } from '../../src/core/errors';
import { EXPIRY_JOB, ensureExpiryCheck, expiryCheckJob } from '../../src/core/expiry/check';
import type { Reply } from '../../src/core/reply';
import { beginRotate } from '../../src/core/rotate/begin';
import { startFollowUp } from '../../src/core/sync/job';
import { EmbeddedJobs } from '../../src/jobs/embedded';
import { verifiedOutcome } from '../fakes/fake-azure';
import type { Sent } from '../fakes/recording-notifier';
import { type CoreWorld, connectThrough, coreWorld, messageAt } from '../support/core-harness';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const SUB = '9531985d-5d9d-49f8-9818-e811892f902b';
const OLD_SECRET = 'Abc8Q~expiry-test-old-secret-0123456789abcdef';
const NEW_SECRET = 'Xyz8Q~expiry-test-new-secret-0123456789abcdef';
const form = (extra: Record<string, string> = {}) => ({
  name: 'Production',
  subscriptionId: SUB,
  clientId: 'f53d4330-cd3a-4a35-8a32-0e8a57d6dd21',
  tenantId: 'contoso.onmicrosoft.com',
  clientSecret: OLD_SECRET,
  ...extra,
});

/** A world whose secret ends `days` from the harness clock's start (2026-12-01 12:00 UTC). */
async function world(days: number | 'never' | 'hidden', opts: { typed?: string } = {}) {
  const w = coreWorld({ expiryCheckIntervalMs: HOUR });
  const start = w.clock.now().getTime();
  const endsOn = typeof days === 'number' ? new Date(start + days * DAY).toISOString() : undefined;
  w.azure.outcome = (req) => {
    const typed = req.secretExpiresOn
      ? new Date(`${req.secretExpiresOn}T00:00:00Z`).toISOString()
      : undefined;
    if (days === 'never') return verifiedOutcome(req, { expirySource: 'none', secretExpiresOn: undefined });
    if (days === 'hidden')
      return verifiedOutcome(req, { expirySource: typed ? 'form' : 'unknown', secretExpiresOn: typed });
    return verifiedOutcome(req, { secretExpiresOn: endsOn });
  };
  w.azure.expiry = () =>
    days === 'never'
      ? { known: true, never: true }
      : days === 'hidden'
        ? { known: false, reason: 'permission' }
        : { known: true, expiresOn: endsOn as string };
  // Once the secret has ended, Entra ID refuses it: syncs fail at sign-in.
  w.azure.syncFails = () => {
    if (endsOn && w.clock.now().toISOString() >= endsOn)
      throw new StageFailure(
        stageError('signin', 'secret_expired', { clientId: 'f53d4330-cd3a-4a35-8a32-0e8a57d6dd21' }),
      );
  };
  await w.store.workspaces.upsert({ id: 'teams:t1', channel: 'teams' });
  await w.store.conversations.save({
    workspaceId: 'teams:t1',
    key: 'conv-1',
    channel: 'teams',
    reference: {},
  });
  const { connection } = await connectThrough(
    w,
    form(opts.typed ? { secretExpiresOn: opts.typed } : {}),
    'card-1',
    {
      actorName: 'Ada Lovelace',
    },
  );
  if (!connection) throw new Error('not connected');
  await ensureExpiryCheck(w.core);
  return { w, connection, endsOn };
}

const alerts = (w: CoreWorld) =>
  w.notifier.sent
    .filter((s) => s.op === 'post')
    .map((s) => (s.reply.kind === 'message' ? s.reply.view.title : s.reply.kind));
const last = (w: CoreWorld): Sent => w.notifier.sent.filter((s) => s.op === 'post').at(-1) as Sent;
const text = (r: Reply | Sent) => JSON.stringify('reply' in r ? r.reply : r);

/** Moves the clock by `ms` and runs what is due (the checker every hour). */
async function pass(w: CoreWorld, ms: number): Promise<void> {
  w.clock.advance(ms);
  await w.jobs.runDue();
}

async function walkDays(w: CoreWorld, days: number): Promise<void> {
  for (let i = 0; i < days * 4; i++) await pass(w, 6 * HOUR);
}

describe('expiry alerts', () => {
  it('walks a secret from 40 days to expired: one alert per threshold, in order, then Error once', async () => {
    const { w, connection } = await world(40);
    await w.jobs.runDue();
    expect(alerts(w)).toEqual([]);
    await walkDays(w, 42);
    expect(alerts(w)).toEqual([
      'The client secret of Production expires in 30 days',
      'The client secret of Production expires in 14 days',
      'The client secret of Production expires in 7 days',
      'The client secret of Production expires in 3 days',
      'The client secret of Production expires tomorrow',
      'The client secret of Production expires today',
      // Whichever sees it first says it, once: the checker, or a sync that Entra ID refused.
      expect.stringMatching(
        /^(The client secret of Production has expired: Production is in Error|Production is in Error)$/,
      ),
    ]);
    const c = await w.store.connections.get('teams:t1', connection.id);
    expect(c).toMatchObject({ status: 'error' });
    expect(c?.statusReason).toMatch(/expired.* \/osto rotate Production\.$/);
    expect(text(await runText(w.core, w.ctx(), 'status'))).toMatch(/Secret expires","value":"⚠️ expired on/);
  });

  it('says the date, who connected it, and offers Update secret and Snooze', async () => {
    const { w, endsOn } = await world(10);
    await w.jobs.runDue();
    const alert = last(w).reply;
    expect(alert.kind).toBe('message');
    if (alert.kind !== 'message') return;
    expect(alert.view.text).toContain(`ends on ${endsOn?.slice(0, 10)} (in 10 days)`);
    expect(alert.view.text).toContain('Connected by Ada Lovelace.');
    expect(alert.view.text).toContain('Contoso Production');
    expect(alert.view.actions?.map((a) => a.label)).toEqual(['Update secret', 'Snooze…']);
    // Snooze… asks for how long, with one button per duration, answered in place.
    const snoozeRun = alert.view.actions?.[1]?.run;
    if (!snoozeRun) throw new Error('no Snooze… action');
    const ask = await runCommand(w.core, w.ctx(), snoozeRun);
    if (ask.kind !== 'message') throw new Error(ask.kind);
    expect(ask.view.title).toBe('Snooze reminders of Production for how long?');
    expect(ask.view.actions?.map((a) => [a.label, a.run.args.duration, a.inPlace])).toEqual([
      ['1 day', '1d', true],
      ['3 days', '3d', true],
      ['1 week', '1w', true],
    ]);
    const [c] = await w.store.connections.list('teams:t1');
    expect(c?.expirySnoozedUntil).toBeUndefined();
  });

  it('a secret first seen at 5 days left gets the 7-day alert only', async () => {
    const { w } = await world(5);
    await w.jobs.runDue();
    await pass(w, HOUR);
    expect(alerts(w)).toEqual(['The client secret of Production expires in 5 days']);
    const [c] = await w.store.connections.list('teams:t1');
    expect(await w.store.expiryAlerts.list('teams:t1', c?.id ?? '', c?.secretFingerprint ?? '')).toEqual([
      '7',
    ]);
  });

  it('a restart midway repeats nothing: the ledger is in the store', async () => {
    const { w } = await world(20);
    await walkDays(w, 8);
    expect(alerts(w)).toHaveLength(2);
    // A new process over the same store: its own queue, the checker ensured again.
    const jobs = new EmbeddedJobs(w.store.jobs, w.clock, w.log, { retryDelayMs: 1 });
    const core = { ...w.core, jobs };
    jobs.register(EXPIRY_JOB, expiryCheckJob(core));
    await jobs.start();
    await ensureExpiryCheck(core);
    expect(await jobs.idle(2_000)).toBe(true);
    await jobs.stop(1_000);
    // Even the checker run again by hand finds nothing new to say.
    const checker = await w.store.jobs.findOpen(EXPIRY_JOB, 'all');
    expect(checker?.status).toBe('queued');
    await pass(w, HOUR);
    expect(alerts(w)).toHaveLength(2);
    await walkDays(w, 6);
    expect(alerts(w)).toHaveLength(3);
  });

  it('the checker reads Graph again: a date that moved is followed', async () => {
    const { w, connection } = await world(40);
    const later = new Date(w.clock.now().getTime() + 100 * DAY).toISOString();
    w.azure.expiry = () => ({ known: true, expiresOn: later });
    await w.jobs.runDue();
    expect((await w.store.connections.get('teams:t1', connection.id))?.secretExpiresOn).toBe(later);
  });

  it('notify off: nothing is posted, the alert is still recorded once', async () => {
    const { w, connection } = await world(5);
    await runText(w.core, w.ctx(), 'notify Production off');
    await w.jobs.runDue();
    expect(alerts(w)).toEqual([]);
    expect(
      await w.store.expiryAlerts.list('teams:t1', connection.id, connection.secretFingerprint ?? ''),
    ).toEqual(['7']);
  });
});

describe('snooze', () => {
  it('holds reminders back until it ends, then one comes, then alerts as usual', async () => {
    const { w } = await world(12);
    await w.jobs.runDue();
    expect(alerts(w)).toHaveLength(1);
    const answer = await runText(w.core, w.ctx(), 'snooze Production 3d');
    expect(text(answer)).toContain('No reminder for 3 days');
    await pass(w, 2 * DAY);
    expect(alerts(w)).toHaveLength(1);
    await pass(w, DAY + HOUR);
    expect(alerts(w)).toEqual([
      'The client secret of Production expires in 12 days',
      'Reminder: the client secret of Production expires in 9 days',
    ]);
    await pass(w, DAY);
    expect(alerts(w)).toHaveLength(2);
    await walkDays(w, 2);
    expect(alerts(w).at(-1)).toBe('The client secret of Production expires in 7 days');
  });

  it('a threshold crossed while snoozed comes when the snooze ends, once', async () => {
    const { w } = await world(8);
    await w.jobs.runDue();
    await runText(w.core, w.ctx(), 'snooze Production 1w');
    await walkDays(w, 3);
    expect(alerts(w)).toHaveLength(1);
    await walkDays(w, 4);
    expect(alerts(w).slice(1)).toEqual(['The client secret of Production expires tomorrow']);
  });

  it('never past the expiry itself, and not for an expired or unknown date', async () => {
    const { w } = await world(2);
    const answer = await runText(w.core, w.ctx(), 'snooze Production 1w');
    expect(text(answer)).toContain('No reminder until the secret expires');
    await walkDays(w, 3);
    expect(alerts(w).at(-1)).toMatch(/Production is in Error$/);
    expect(text(await runText(w.core, w.ctx(), 'snooze Production 1d'))).toContain('The secret has expired');
    expect(text(await runText(w.core, w.ctx(), 'snooze Production'))).toContain('The secret has expired');
    const forged = { verb: 'snooze', args: { name: 'Production', duration: '2d' } };
    expect(text(await runCommand(w.core, w.ctx(), forged))).toContain('For how long?');
  });

  it('is for admins, and audited', async () => {
    const { w } = await world(5);
    w.core.admins = ['boss'];
    expect(text(await runText(w.core, w.ctx({ actor: 'eve' }), 'snooze Production 1d'))).toContain(
      'snooze its reminders',
    );
    await runText(w.core, w.ctx({ actor: 'boss' }), 'snooze Production 1d');
    expect((await w.store.audit.list('teams:t1', 1))[0]).toMatchObject({ action: 'snooze', actor: 'boss' });
  });
});

describe('where the date comes from', () => {
  it('Graph 403 with no typed date: unknown, with how to fix it, and no alerts', async () => {
    const { w } = await world('hidden');
    await walkDays(w, 2);
    expect(alerts(w)).toEqual([]);
    expect(text(await runText(w.core, w.ctx(), 'status'))).toContain(
      'unknown (grant the app Application.Read.All, or give the date with /osto rotate)',
    );
  });

  it('Graph 403 with a typed date: alerts follow that date', async () => {
    const typed = new Date(Date.parse('2026-12-01T12:00:00Z') + 5 * DAY).toISOString().slice(0, 10);
    const { w, connection } = await world('hidden', { typed });
    expect(connection).toMatchObject({ expirySource: 'form', secretExpiresOn: `${typed}T00:00:00.000Z` });
    await w.jobs.runDue();
    expect(alerts(w)).toEqual(['The client secret of Production expires in 5 days']);
  });

  it('a secret without an end date is shown as a risk, and never alerts', async () => {
    const { w } = await world('never');
    await walkDays(w, 2);
    expect(alerts(w)).toEqual([]);
    expect(text(await runText(w.core, w.ctx(), 'status'))).toContain('never (a risk');
  });

  it('status marks a secret within 30 days', async () => {
    const { w } = await world(12);
    expect(text(await runText(w.core, w.ctx(), 'status'))).toContain('⚠️ 2026-12-13 (in 12 days)');
    const far = await world(200);
    expect(text(await runText(far.w.core, far.w.ctx(), 'status'))).not.toContain('⚠️');
  });
});

describe('rotate', () => {
  async function rotate(w: CoreWorld, secret: string, date?: string) {
    const start = await beginRotate(
      w.core,
      w.ctx(),
      'rotate-card',
      { name: 'Production', clientSecret: secret, ...(date ? { secretExpiresOn: date } : {}) },
      messageAt(w, 'rotate-card'),
    );
    if (start.kind === 'started') {
      await startConnect(w.core, start.attempt);
      await w.jobs.runDue();
    }
    return start;
  }

  it('opens a form with only the new secret and its date, for admins', async () => {
    const { w } = await world(12);
    const r = await runText(w.core, w.ctx(), 'rotate Production');
    expect(r.kind).toBe('rotate-form');
    if (r.kind === 'rotate-form')
      expect(r.form).toMatchObject({ name: 'Production', values: {}, errors: [] });
    w.core.admins = ['boss'];
    expect(text(await runText(w.core, w.ctx({ actor: 'eve' }), 'rotate Production'))).toContain(
      'update its secret',
    );
  });

  it('a malformed secret is a field error; nothing is stored', async () => {
    const { w } = await world(12);
    const r = await rotate(w, 'f53d4330-cd3a-4a35-8a32-0e8a57d6dd21');
    expect(r.kind).toBe('invalid');
    if (r.kind === 'invalid') expect(r.form.errors[0]).toMatchObject({ field: 'clientSecret' });
    expect(w.store.secrets()).toEqual([OLD_SECRET]);
  });

  it('a wrong new secret keeps the old one, says why, and is audited', async () => {
    const { w, connection } = await world(12);
    w.azure.outcome = () => {
      const error = stageError(
        'signin',
        'secret_invalid',
        { clientId: connection.clientId },
        { field: 'clientSecret' },
      );
      return { ok: false, stages: [error], error };
    };
    await rotate(w, NEW_SECRET);
    const shown = w.notifier.sent.filter((x) => x.to.messageId === 'rotate-card').at(-1);
    expect(shown?.final).toBe(true);
    expect(text(shown as Sent)).toContain('The new secret of Production was not accepted');
    expect(text(shown as Sent)).toContain('Production keeps using its current secret.');
    expect(await w.store.connections.readSecret('teams:t1', connection.id)).toBe(OLD_SECRET);
    expect(w.store.secrets()).toEqual([OLD_SECRET]);
    expect((await w.store.audit.list('teams:t1', 1))[0]).toMatchObject({
      action: 'rotate_failed',
      outcome: 'error',
    });
  });

  it('a good one replaces the old, the next sync uses it, alerts start afresh, an Error from expiry ends', async () => {
    const { w, connection } = await world(3);
    await walkDays(w, 4);
    expect(alerts(w).at(-1)).toMatch(/Production is in Error$/);
    const renewed = new Date(w.clock.now().getTime() + 5 * DAY).toISOString();
    w.azure.expiry = () => ({ known: true, expiresOn: renewed });
    w.azure.outcome = (req) => verifiedOutcome(req, { secretExpiresOn: renewed });
    await rotate(w, NEW_SECRET);
    expect(text(w.notifier.sent.filter((x) => x.to.messageId === 'rotate-card').at(-1) as Sent)).toContain(
      'Production uses its new secret',
    );
    const c = await w.store.connections.get('teams:t1', connection.id);
    expect(c).toMatchObject({ status: 'active', secretExpiresOn: renewed });
    expect(c?.secretFingerprint).not.toBe(connection.secretFingerprint);
    expect(w.store.secrets()).toEqual([NEW_SECRET]);
    expect((await w.store.audit.list('teams:t1', 1))[0]).toMatchObject({ action: 'rotate', outcome: 'ok' });
    const sync = await runText(w.core, w.ctx(), 'sync Production');
    if (!sync.followUp) throw new Error('no sync');
    await startFollowUp(w.core, sync.followUp, messageAt(w, 'sync'));
    await w.jobs.runDue();
    expect(w.azure.calls.filter((x) => x.method === 'sync').at(-1)?.secret).toBe(NEW_SECRET);
    // The new secret's alerts start afresh: its 7-day alert comes though the old one had its own.
    const before = alerts(w).length;
    await pass(w, HOUR);
    expect(alerts(w).slice(before)).toEqual(['The client secret of Production expires in 5 days']);
  });
});
