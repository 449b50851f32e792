/**
 * The second half of `rotate` (in the attempt's job): the new secret verified like a connect
 * (sign in, read the subscription, the role, its expiry); only then it replaces the stored one,
 * in one transaction with a fresh fingerprint (the expiry alerts start afresh) and an audit
 * entry. A new secret that fails changes nothing but the record of the attempt.
 */

import type { ConnectAttempt } from '../attempt';
import type { CoreDeps } from '../commands/context';
import { auditActor } from '../connection';
import { newId } from '../ids';
import { expiryText } from '../present/dates';
import type { Reply } from '../reply';
import type { StageError } from '../verification';

function failed(name: string, e: Pick<StageError, 'message' | 'remedy'>): Reply {
  return {
    kind: 'message',
    view: {
      title: `The new secret of ${name} was not accepted`,
      text: `${e.message} ${e.remedy} ${name} keeps using its current secret.`,
      tone: 'bad',
      actions: [{ label: 'Try again', run: { verb: 'rotate', args: { name } }, style: 'primary' }],
    },
  };
}

async function end(
  deps: CoreDeps,
  a: ConnectAttempt,
  status: 'connected' | 'failed' | 'interrupted',
  outcome: string,
): Promise<void> {
  await deps.store.transaction(async (tx) => {
    await tx.attempts.finish(a.workspaceId, a.id, { status, outcome });
    await tx.audit.append({
      workspaceId: a.workspaceId,
      ...auditActor(a),
      action: status === 'connected' ? 'rotate' : 'rotate_failed',
      target: a.values.name,
      outcome: status === 'connected' ? 'ok' : 'error',
      detail: outcome,
      at: deps.clock.now().toISOString(),
    });
  });
}

export async function runRotate(deps: CoreDeps, a: ConnectAttempt): Promise<void> {
  const show = (reply: Reply) => deps.notifier.update(a.progress, reply, { final: true });
  const c = a.connectionId ? await deps.store.connections.get(a.workspaceId, a.connectionId) : undefined;
  if (!c) {
    await end(deps, a, 'failed', 'connection removed');
    await show(failed(a.values.name, { message: 'The connection was removed meanwhile.', remedy: '' }));
    return;
  }
  const clientSecret = await deps.store.attempts.readSecret(a.workspaceId, a.id);
  const outcome = await deps.azure.verify({ ...a.values, clientSecret });
  if (!outcome.ok) {
    await end(deps, a, 'failed', `${outcome.error.stage}: ${outcome.error.code}`);
    await show(failed(c.name, outcome.error));
    return;
  }
  const f = outcome.facts;
  const at = deps.clock.now().toISOString();
  const updated = await deps.store.transaction(async (tx) => {
    const next = await tx.connections.replaceSecret(c.workspaceId, c.id, clientSecret, {
      secretFingerprint: newId(deps),
      expirySource: f.expirySource,
      ...(f.secretExpiresOn ? { secretExpiresOn: f.secretExpiresOn } : {}),
      roles: f.roles,
      subscriptionName: f.subscriptionName,
    });
    // A connection in Error for its secret is Active again (the next sync confirms the rest).
    const back =
      next?.status === 'error'
        ? await tx.connections.update(c.workspaceId, c.id, {
            status: 'active',
            statusReason: undefined,
            statusSince: at,
          })
        : next;
    await tx.attempts.finish(a.workspaceId, a.id, { status: 'connected', outcome: 'rotated' });
    await tx.audit.append({
      workspaceId: a.workspaceId,
      ...auditActor(a),
      action: 'rotate',
      target: c.name,
      outcome: 'ok',
      detail: `new secret, expires ${f.secretExpiresOn?.slice(0, 10) ?? (f.expirySource === 'none' ? 'never' : 'unknown')}`,
      at,
    });
    return back ?? c;
  });
  deps.log.info({ workspace: c.workspaceId, connection: c.id }, 'secret rotated');
  const expires =
    updated.expirySource === 'none'
      ? 'never (no end date: a risk)'
      : expiryText(updated.secretExpiresOn, deps.clock.now());
  await show({
    kind: 'message',
    view: {
      title: `${c.name} uses its new secret`,
      text: `Signed in, read the subscription and checked the role with it. It expires ${expires}. The next sync uses it; the old one is deleted from Osto. Delete the old secret in the app registration too.`,
      tone: 'good',
      actions: [{ label: 'Status', run: { verb: 'status', args: { name: c.name } } }],
    },
  });
}

/** A rotate cut short by restarts: ended, and said so on its card. */
export async function interruptRotate(deps: CoreDeps, a: ConnectAttempt): Promise<void> {
  await end(deps, a, 'interrupted', 'interrupted');
  await deps.notifier.update(
    a.progress,
    failed(a.values.name, {
      message: 'The check was interrupted (the bot restarted).',
      remedy: 'Try again.',
    }),
    { final: true },
  );
}
