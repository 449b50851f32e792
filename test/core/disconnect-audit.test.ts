/**
 * disconnect and audit on the core: a confirmation first, then everything of the connection
 * goes in one step; stale, second and forged confirmations change nothing; the audit log keeps
 * who did what, never a secret, and shows it to admins.
 */
import { runCommand, runText } from '../../src/core/commands/run';
import { stageError } from '../../src/core/error-catalogue';
import type { Reply } from '../../src/core/reply';
import { SCHEDULED_SYNC_JOB } from '../../src/core/schedule/schedule';
import type { Invocation } from '../../src/core/views';
import { type CoreWorld, connectThrough, coreWorld } from '../support/core-harness';

const SECRET = 'Abc8Q~disconnect-test-secret-0123456789abcdef';
const form = (name = 'Production') => ({
  name,
  subscriptionId: '9531985d-5d9d-49f8-9818-e811892f902b',
  clientId: 'f53d4330-cd3a-4a35-8a32-0e8a57d6dd21',
  tenantId: 'contoso.onmicrosoft.com',
  clientSecret: SECRET,
});
const text = (r: Reply) => JSON.stringify(r);

/** Production, connected by ada; then OSTO_ADMINS (ada is its creator, not an admin). */
async function world(admins?: string[]) {
  const w = coreWorld();
  await w.store.workspaces.upsert({ id: 'teams:t1', channel: 'teams' });
  await w.store.conversations.save({
    workspaceId: 'teams:t1',
    key: 'conv-1',
    channel: 'teams',
    reference: {},
  });
  const { connection } = await connectThrough(w, form(), 'card-1', { actorName: 'Ada Lovelace' });
  if (!connection) throw new Error('not connected');
  if (admins) w.core.admins = admins;
  return { w, connection };
}

function confirmOf(r: Reply): Invocation {
  if (r.kind !== 'message') throw new Error(`no confirmation: ${r.kind}`);
  const action = r.view.actions?.find((a) => a.label === 'Disconnect');
  if (!action) throw new Error('no Disconnect button');
  return action.run;
}

describe('disconnect', () => {
  it('asks first, naming what goes; on confirm everything of it goes and the audit entry stays', async () => {
    const { w, connection } = await world();
    const ask = await runText(w.core, w.ctx(), 'disconnect Production');
    expect(text(ask)).toContain('Disconnect Production?');
    expect(text(ask)).toContain('its encrypted client secret');
    expect(await w.store.connections.get('teams:t1', connection.id)).toBeDefined();

    const done = await runCommand(
      w.core,
      w.ctx({ actorName: 'Grace Hopper', conversationKey: 'dm-grace' }),
      confirmOf(ask),
    );
    expect(text(done)).toContain('Production disconnected');
    expect(await w.store.connections.get('teams:t1', connection.id)).toBeUndefined();
    expect(w.store.secrets()).toEqual([]);
    expect(await w.store.jobs.findOpen(SCHEDULED_SYNC_JOB, connection.id)).toBeUndefined();
    expect((await w.store.audit.list('teams:t1', 1))[0]).toMatchObject({
      action: 'disconnect',
      target: 'Production',
    });
    // The connection's conversation hears who did it.
    await w.jobs.runDue();
    const told = w.notifier.sent.filter((s) => s.op === 'post').at(-1);
    expect(told?.to.conversationKey).toBe('conv-1');
    expect(text(told?.reply as Reply)).toContain('Grace Hopper disconnected Production');
  });

  it('a second click, a stale confirmation, a cancel, or one for another connection change nothing', async () => {
    const { w, connection } = await world();
    const confirm = confirmOf(await runText(w.core, w.ctx(), 'disconnect Production'));
    expect(
      text(
        await runCommand(w.core, w.ctx(), { verb: 'disconnect', args: { name: 'Production', cancel: '1' } }),
      ),
    ).toContain('Production stays connected');
    // Forged: the right name, another connection's id.
    const forged = { ...confirm, args: { ...confirm.args, confirm: `other-id.${Date.now() + 60_000}` } };
    expect(text(await runCommand(w.core, w.ctx(), forged))).toContain(
      'This confirmation was for another connection',
    );
    // Stale: past its 10 minutes.
    w.clock.advance(11 * 60_000);
    expect(text(await runCommand(w.core, w.ctx(), confirm))).toContain('The confirmation expired');
    expect(await w.store.connections.get('teams:t1', connection.id)).toBeDefined();

    const fresh = confirmOf(await runText(w.core, w.ctx(), 'disconnect Production'));
    await runCommand(w.core, w.ctx(), fresh);
    const again = await runCommand(w.core, w.ctx(), fresh);
    // The second click says the connection is gone, and when.
    expect(text(again)).toMatch(
      /Production was disconnected on \d{4}-\d\d-\d\d \d\d:\d\d UTC; this no longer applies/,
    );
  });

  it('a confirmation for an earlier connection of the same name does not remove the new one', async () => {
    const { w } = await world();
    const old = confirmOf(await runText(w.core, w.ctx(), 'disconnect Production'));
    await runCommand(w.core, w.ctx(), old);
    const { connection: again } = await connectThrough(w, form(), 'card-2');
    expect(text(await runCommand(w.core, w.ctx(), old))).toContain(
      'This confirmation was for another connection',
    );
    expect(await w.store.connections.get('teams:t1', again?.id ?? '')).toBeDefined();
  });

  it('only its creator or an admin may; the refusal says who can', async () => {
    const { w, connection } = await world(['boss']);
    await w.store.connections.update('teams:t1', connection.id, {});
    const refused = await runText(w.core, w.ctx({ actor: 'eve' }), 'disconnect Production');
    expect(text(refused)).toContain(
      'Only whoever connected Production and the admins listed in OSTO_ADMINS may disconnect it.',
    );
    const byBoss = await runText(w.core, w.ctx({ actor: 'boss' }), 'disconnect Production');
    expect(text(byBoss)).toContain('Disconnect Production?');
    // A confirmation from an admin's card cannot be replayed by someone else.
    expect(text(await runCommand(w.core, w.ctx({ actor: 'eve' }), confirmOf(byBoss)))).toContain(
      'Not allowed',
    );
    expect(await w.store.connections.get('teams:t1', connection.id)).toBeDefined();
  });
});

describe('audit', () => {
  async function history(w: CoreWorld) {
    await runText(w.core, w.ctx(), 'notify Production critical');
    await runText(w.core, w.ctx({ actorName: 'Ada Lovelace' }), 'snooze Production 1d');
  }

  it('shows the last changes, newest first, with who and what, never a secret', async () => {
    const { w } = await world();
    await history(w);
    const r = await runText(w.core, w.ctx(), 'audit');
    expect(r.kind).toBe('report');
    const items = r.kind === 'report' ? (r.view.sections[0]?.items ?? []) : [];
    // By name when the channel told it (with the id, which OSTO_ADMINS lists), else by id.
    expect(items[0]).toMatchObject({ title: 'Ada Lovelace snoozed reminders of Production', badge: 'Done' });
    expect(items[0]?.lines[0]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC · Ada Lovelace \(ada\)$/);
    expect(items[0]?.lines[1]).toMatch(/^until \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    expect(items[1]).toMatchObject({
      title: 'ada changed notifications of Production',
      lines: [expect.stringMatching(/ UTC · ada$/), 'changes → critical'],
    });
    expect(items[2]?.title).toBe('Ada Lovelace connected Production');
    expect(items[2]?.lines[1]).toMatch(/^subscription 9531985d/);
    expect(text(r)).not.toContain(SECRET);
    expect(text(await runText(w.core, w.ctx(), 'audit production'))).toContain('Audit log of Production');
  });

  it("is for admins; the creator may read their connection's", async () => {
    const { w, connection } = await world(['boss']);
    void connection;
    expect(text(await runText(w.core, w.ctx({ actor: 'eve' }), 'audit'))).toContain('may read the audit log');
    expect(text(await runText(w.core, w.ctx({ actor: 'eve' }), 'audit Production'))).toContain('Not allowed');
    expect((await runText(w.core, w.ctx({ actor: 'ada' }), 'audit Production')).kind).toBe('report');
    expect((await runText(w.core, w.ctx({ actor: 'boss' }), 'audit')).kind).toBe('report');
  });

  it('says a failed connect in words, not codes', async () => {
    const { w } = await world();
    w.azure.outcome = () => {
      const error = stageError('signin', 'secret_invalid', { clientId: 'x' }, { field: 'clientSecret' });
      return { ok: false, stages: [error], error };
    };
    await connectThrough(w, form('Staging'));
    const r = await runText(w.core, w.ctx(), 'audit');
    const [failed] = r.kind === 'report' ? (r.view.sections[0]?.items ?? []) : [];
    expect(failed).toMatchObject({
      title: 'ada tried to connect Staging',
      badge: 'Failed',
      lines: [expect.any(String), 'Sign in to Microsoft Entra ID failed: secret invalid'],
    });
  });

  it('keeps the entries of a removed connection, for admins to read by name', async () => {
    const { w } = await world();
    await runCommand(w.core, w.ctx(), confirmOf(await runText(w.core, w.ctx(), 'disconnect Production')));
    const r = await runText(w.core, w.ctx(), 'audit Production');
    expect(text(r)).toContain('disconnected Production');
    expect(text(r)).toContain('connected Production');
  });

  it('a UPN in OSTO_ADMINS counts for the user it names, in any case', async () => {
    const { w } = await world(['Boss@Contoso.com']);
    expect((await runText(w.core, w.ctx({ actor: 'x', aliases: ['boss@contoso.com'] }), 'audit')).kind).toBe(
      'report',
    );
    expect(text(await runText(w.core, w.ctx({ actor: 'boss@contoso.com-not' }), 'audit'))).toContain(
      'Not allowed',
    );
  });
});
