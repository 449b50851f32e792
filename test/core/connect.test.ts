/**
 * Connecting, on the core alone (in-memory store, scripted Azure, recording notifier, the
 * embedded job queue): the attempt is stored before anything reaches Azure, verified as a job,
 * and every ending leaves the right records and no stray secret.
 */
import type { MessageRef } from '../../src/core/attempt';
import { beginConnect, startConnect } from '../../src/core/connect/begin';
import { CONNECT_JOB, recoverConnectAttempts } from '../../src/core/connect/job';
import { stageError } from '../../src/core/error-catalogue';
import type { Reply } from '../../src/core/reply';
import { type CoreWorld, coreWorld } from '../support/core-harness';

const SECRET = 'Abc8Q~core-unit-test-secret-0123456789abcdef';
const form = (name = 'Production') => ({
  name,
  subscriptionId: '9531985d-5d9d-49f8-9818-e811892f902b',
  clientId: 'f53d4330-cd3a-4a35-8a32-0e8a57d6dd21',
  tenantId: 'contoso.onmicrosoft.com',
  clientSecret: SECRET,
});
const progress = (w: CoreWorld): MessageRef => ({
  channel: 'teams',
  workspaceId: w.ctx().workspace.id,
  conversationKey: 'conv-1',
  messageId: 'card-1',
});
const text = (r: Reply) => JSON.stringify(r);

async function begin(w: CoreWorld, key = 'card-1', raw: Record<string, string> = form()) {
  return beginConnect(w.core, w.ctx(), key, raw, progress(w));
}

async function connect(w: CoreWorld, raw = form()) {
  const start = await begin(w, 'card-1', raw);
  if (start.kind !== 'started') throw new Error(`not started: ${start.kind}`);
  await startConnect(w.core, start.attempt);
  await w.jobs.runDue();
  return start.attempt;
}

describe('connect, first half (a chat turn): checks, then the attempt is stored', () => {
  it('stores a pending attempt with its secret and answers with the first progress view', async () => {
    const w = coreWorld();
    const start = await begin(w);
    expect(start.kind).toBe('started');
    if (start.kind !== 'started') return;
    expect(start.reply).toMatchObject({ kind: 'progress', view: { title: 'Connecting Production…' } });
    expect(start.attempt).toMatchObject({ status: 'pending', key: 'card-1', actor: 'ada' });
    expect(start.attempt.values).not.toHaveProperty('clientSecret');
    expect(w.store.secrets()).toEqual([SECRET]);
    expect(w.azure.calls).toEqual([]);
  });

  it('a second submit of the same form is "busy", and nothing is stored twice', async () => {
    const w = coreWorld();
    await begin(w);
    expect((await begin(w)).kind).toBe('busy');
    expect(w.store.secrets()).toHaveLength(1);
  });

  it('refuses a non-admin before anything is stored but the audit entry', async () => {
    const w = coreWorld({ admins: ['boss'] });
    const start = await begin(w);
    expect(start.kind).toBe('refused');
    if (start.kind === 'refused')
      expect(text(start.reply)).toContain(
        'Only the admins listed in OSTO_ADMINS may connect a subscription.',
      );
    expect(w.store.secrets()).toEqual([]);
    expect(await w.store.audit.list('teams:t1')).toEqual([
      expect.objectContaining({
        action: 'connect_failed',
        detail: 'forbidden: not in OSTO_ADMINS',
        actor: 'ada',
      }),
    ]);
  });

  it('sends a wrong form back with its errors, never reaching Azure or the store', async () => {
    const w = coreWorld();
    const start = await begin(w, 'card-1', { ...form(), subscriptionId: 'nope', clientSecret: '' });
    expect(start.kind).toBe('invalid');
    if (start.kind === 'invalid') {
      expect(start.form.errors.map((e) => e.field).sort()).toEqual(['clientSecret', 'subscriptionId']);
      expect(start.form.values).toMatchObject({ name: 'Production' });
    }
    expect(w.store.secrets()).toEqual([]);
    expect(w.azure.calls).toEqual([]);
  });

  it('a name taken in the workspace is a field error, in any case', async () => {
    const w = coreWorld();
    await connect(w);
    const start = await begin(w, 'card-2', form('PRODUCTION'));
    expect(start.kind).toBe('invalid');
    if (start.kind === 'invalid')
      expect(start.form.errors[0]?.message).toBe(
        'A connection named "Production" already exists here (names ignore case). Pick another name.',
      );
  });
});

describe('connect, second half (a job): verify, store, tell', () => {
  it('shows each stage, stores the connection with the secret, ends the attempt without one', async () => {
    const w = coreWorld();
    const attempt = await connect(w);
    expect(w.notifier.kinds()).toEqual([
      'progress',
      'progress',
      'progress',
      'progress',
      'progress',
      'result',
    ]);
    expect(w.notifier.sent.every((s) => s.to.messageId === 'card-1')).toBe(true);
    expect(w.notifier.sent.at(-1)?.final).toBe(true);
    expect(text(w.notifier.sent.at(-1)?.reply as Reply)).toMatch(/Production is Active.*137/);
    const [c] = await w.store.connections.list('teams:t1');
    expect(c).toMatchObject({
      name: 'Production',
      status: 'active',
      createdBy: 'ada',
      conversationKey: 'conv-1',
    });
    expect(await w.store.connections.readSecret('teams:t1', c?.id ?? '')).toBe(SECRET);
    expect(w.store.secrets()).toEqual([SECRET]);
    expect(await w.store.attempts.get('teams:t1', attempt.id)).toMatchObject({
      status: 'connected',
      connectionId: c?.id,
    });
    expect((await w.store.audit.list('teams:t1')).map((a) => a.action)).toEqual(['connect']);
    expect(w.azure.calls.map((x) => x.method)).toEqual(['connect']);
  });

  it('a failed stage ends the attempt with its reason and "Try again", and stores no connection and no secret', async () => {
    const w = coreWorld();
    w.azure.outcome = () => {
      const error = stageError('signin', 'secret_invalid', { clientId: 'x' }, { field: 'clientSecret' });
      return { ok: false, stages: [error], error };
    };
    await connect(w);
    const last = w.notifier.sent.at(-1);
    expect(last?.reply.kind).toBe('failure');
    expect(text(last?.reply as Reply)).toMatch(/Could not connect Production/);
    expect(text(last?.reply as Reply)).not.toContain(SECRET);
    expect(await w.store.connections.list('teams:t1')).toEqual([]);
    expect(w.store.secrets()).toEqual([]);
    expect((await w.store.audit.list('teams:t1'))[0]).toMatchObject({
      action: 'connect_failed',
      detail: 'signin: secret_invalid',
    });
  });

  it('a crash is a failed attempt too: told on the card, audited, nothing kept', async () => {
    const w = coreWorld();
    w.azure.outcome = () => {
      throw new Error('boom');
    };
    await connect(w);
    expect(w.notifier.sent.at(-1)?.reply).toMatchObject({ kind: 'failure', view: { code: 'internal' } });
    expect(w.store.secrets()).toEqual([]);
  });

  it('warns when the secret ends within 30 days, counting calendar days', async () => {
    const w = coreWorld();
    const base = w.azure.outcome;
    w.azure.outcome = async (req) => {
      const o = await base(req);
      return o.ok ? { ...o, facts: { ...o.facts, secretExpiresOn: '2026-12-06T00:00:00.000Z' } } : o;
    };
    await connect(w);
    expect(text(w.notifier.sent.at(-1)?.reply as Reply)).toMatch(/expires on 2026-12-06, in 5 days/);
  });

  it('says so when the subscription is already connected here under another name', async () => {
    const w = coreWorld();
    await connect(w);
    expect(text(w.notifier.sent.at(-1)?.reply as Reply)).not.toMatch(/also connected/);
    const start = await begin(w, 'card-2', form('Prod again'));
    if (start.kind !== 'started') throw new Error(start.kind);
    await startConnect(w.core, start.attempt);
    await w.jobs.runDue();
    const result = w.notifier.sent.at(-1)?.reply as Reply;
    expect(result.kind).toBe('result');
    expect(text(result)).toContain('This subscription is also connected here as \\"Production\\"');
    expect(text(result)).toContain('/osto disconnect Production');
    expect(await w.store.connections.list(w.ctx().workspace.id)).toHaveLength(2);
  });
});

describe('connect after a restart', () => {
  it('an attempt stored but never started is started at the next start', async () => {
    const w = coreWorld();
    const start = await begin(w);
    if (start.kind !== 'started') throw new Error('not started');
    // The process stopped before the job was enqueued.
    expect(await recoverConnectAttempts(w.core)).toBe(1);
    await w.jobs.runDue();
    expect(w.notifier.sent.at(-1)?.reply.kind).toBe('result');
  });

  it('an attempt cut short with attempts left runs again at the next start, and connects', async () => {
    const w = coreWorld();
    const start = await begin(w);
    if (start.kind !== 'started') throw new Error('not started');
    await startConnect(w.core, start.attempt);
    // The job was running (first attempt) when the process died.
    await w.store.jobs.claimDue(w.clock.now(), [CONNECT_JOB], 1);
    await w.store.attempts.markRunning('teams:t1', start.attempt.id);
    await w.jobs.start();
    await w.jobs.stop(5_000);
    expect(w.notifier.sent.at(-1)?.reply.kind).toBe('result');
    expect(await w.store.attempts.get('teams:t1', start.attempt.id)).toMatchObject({
      status: 'connected',
      runs: 2,
    });
  });

  it('with no attempts left it ends "interrupted" on its own card, audited, without its secret', async () => {
    const w = coreWorld();
    const start = await begin(w);
    if (start.kind !== 'started') throw new Error('not started');
    await startConnect(w.core, start.attempt);
    // Cut short twice: its last attempt was running when the process died again.
    const [first] = await w.store.jobs.claimDue(w.clock.now(), [CONNECT_JOB], 1);
    await w.store.jobs.requeue(first?.id ?? '', w.clock.now());
    await w.store.jobs.claimDue(w.clock.now(), [CONNECT_JOB], 1);
    await w.jobs.start();
    await w.jobs.stop(5_000);
    const last = w.notifier.sent.at(-1);
    expect(last?.reply).toMatchObject({ kind: 'failure', view: { code: 'interrupted' } });
    expect(text(last?.reply as Reply)).toMatch(/interrupted.*Try again/);
    expect(last?.to.messageId).toBe('card-1');
    expect(w.store.secrets()).toEqual([]);
    expect((await w.store.audit.list('teams:t1'))[0]).toMatchObject({
      action: 'connect_failed',
      detail: 'interrupted',
    });
    expect(w.azure.calls).toEqual([]);
  });
});
