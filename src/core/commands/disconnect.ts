/**
 * `disconnect <name>` (SPEC 1.5): first a confirmation naming what will be deleted; its
 * Disconnect button carries the connection's id and an expiry, so a second click, a stale card
 * or a button forged for another connection does nothing. On confirm, the connection and all of
 * it go in one transaction; the audit entry stays; its conversation is told who did it.
 */
import { auditActor, type Connection } from '../connection';
import { queueMessage } from '../notify/deliver';
import { plural } from '../present/numbers';
import { totalFindings } from '../present/severity';
import { subscriptionLabel } from '../present/subscription';
import { message, type Reply } from '../reply';
import type { CommandContext, CoreDeps } from './context';
import { changeableTarget } from './target';
import type { Verb } from './verb';

/** A confirmation is good for this long. */
const CONFIRM_MS = 10 * 60_000;

function confirmation(c: Connection, now: Date): Reply {
  const findings = totalFindings(c.findings ?? { critical: 0, high: 0, medium: 0, low: 0, informational: 0 });
  const token = `${c.id}.${now.getTime() + CONFIRM_MS}`;
  return {
    kind: 'message',
    view: {
      title: `Disconnect ${c.name}?`,
      text: `This deletes the connection to ${subscriptionLabel(c.subscriptionName, c.subscriptionId)}: its encrypted client secret, ${plural(findings, 'open finding', 'open findings')}, its sync history, its schedule and pending alerts. Osto stops syncing it and posting about it. The audit log keeps a record. This cannot be undone.`,
      tone: 'bad',
      actions: [
        {
          label: 'Disconnect',
          run: { verb: 'disconnect', args: { name: c.name, confirm: token } },
          style: 'danger',
          inPlace: true,
        },
        { label: 'Cancel', run: { verb: 'disconnect', args: { name: c.name, cancel: '1' } }, inPlace: true },
      ],
    },
  };
}

async function remove(deps: CoreDeps, ctx: CommandContext, c: Connection): Promise<Reply> {
  const now = deps.clock.now();
  const by = ctx.actorName ?? 'an admin';
  const told = await deps.store.transaction(async (tx) => {
    if (!(await tx.connections.remove(c.workspaceId, c.id))) return undefined;
    await tx.audit.append({
      workspaceId: c.workspaceId,
      ...auditActor(ctx),
      action: 'disconnect',
      target: c.name,
      outcome: 'ok',
      detail: `subscription ${c.subscriptionId}`,
      at: now.toISOString(),
    });
    // Its conversation hears who did it (unless it is where the answer goes, for all to see).
    const target = c.conversationKey
      ? await tx.conversations.get(c.workspaceId, c.conversationKey)
      : undefined;
    const sameCard = ctx.channel === 'teams' && ctx.conversationKey === c.conversationKey;
    if (target && !sameCard)
      return queueMessage(
        tx.jobs,
        { channel: target.channel, workspaceId: c.workspaceId, conversationKey: target.key },
        `disconnected-${c.id}`,
        message(
          `${c.name} was disconnected`,
          `${by} disconnected ${c.name} (${subscriptionLabel(c.subscriptionName, c.subscriptionId)}). Its secret and findings are deleted.`,
        ),
        now,
      );
    return false;
  });
  if (told === undefined) return message('Already disconnected', `${c.name} is no longer connected here.`);
  if (told) deps.jobs.nudge();
  deps.log.info({ workspace: c.workspaceId, connection: c.id }, 'disconnected');
  return message(
    `${c.name} disconnected`,
    `Deleted: the connection, its encrypted client secret, its findings, sync history, schedule and pending alerts. The audit log keeps the record. If the app registration's secret is used nowhere else, delete it in Azure too.`,
    'good',
  );
}

export const disconnect: Verb = {
  name: 'disconnect',
  usage: 'disconnect ‹name›',
  summary: 'Remove a connection and its stored secret (asks to confirm).',
  who: 'admin',
  grammar: 'name?',
  listed: true,
  async run(deps, ctx, args) {
    const t = await changeableTarget(deps, ctx, 'disconnect', args.name, 'disconnect it');
    if (!t.ok) return t.reply;
    const c = t.connection;
    const now = deps.clock.now();
    if (args.cancel) return message('Not disconnected', `${c.name} stays connected.`);
    if (!args.confirm) return confirmation(c, now);
    const [id, until] = args.confirm.split('.');
    if (id !== c.id)
      return message(
        'Not disconnected',
        `This confirmation was for another connection named ${c.name} (an earlier one, or elsewhere). Type /osto disconnect ${c.name} to confirm again.`,
        'bad',
      );
    if (!(Number(until) > now.getTime()))
      return message(
        'Not disconnected',
        `The confirmation expired (it is good for 10 minutes). Type /osto disconnect ${c.name} to confirm again.`,
        'bad',
      );
    return remove(deps, ctx, c);
  },
};
