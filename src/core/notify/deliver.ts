/**
 * Proactive messages as jobs (stored, so a restart loses none): each is posted to the
 * conversation where its connection was made. A delivery the channel may accept later (throttled,
 * unavailable) is retried with backoff by the queue; one it will not (the bot removed, the
 * conversation gone, not allowed) is recorded on the connection at once and shown in `status`.
 * One connection's failing conversation never holds up another's messages.
 */
import type { MessageRef } from '../attempt';
import type { CoreDeps } from '../commands/context';
import type { Connection } from '../connection';
import type { JobHandler } from '../jobs';
import type { DeliveryFailure } from '../notifier';
import type { Reply } from '../reply';
import type { JobRepo } from '../store/ports';

export const NOTIFY_JOB = 'notify.post';
/** Tries of one message (the queue waits 5 s, 10 s, 20 s between them). */
const MAX_TRIES = 4;

const FAILURE_WORDS: Record<DeliveryFailure | 'no_conversation', string> = {
  bot_removed: 'the bot was removed from the conversation: add Osto back to it',
  conversation_gone: 'the conversation is gone (deleted or archived)',
  not_allowed: 'Osto may not post in the conversation: add (invite) Osto to it',
  throttled: 'the chat service kept asking Osto to slow down',
  unavailable: 'the chat service could not be reached',
  no_conversation: 'Osto has no record of the conversation it was connected from',
};

/** Stores a message for the connection's conversation (in the caller's transaction). */
export function queueNotice(
  jobs: JobRepo,
  c: Pick<Connection, 'id' | 'workspaceId'>,
  what: string,
  reply: Reply,
  at: Date,
): Promise<boolean> {
  return jobs.enqueue({
    kind: NOTIFY_JOB,
    key: `${c.id}|${what}|${at.toISOString()}`,
    payload: { workspaceId: c.workspaceId, connectionId: c.id, reply },
    maxAttempts: MAX_TRIES,
    runAt: at,
  });
}

/** Stores a message for a conversation itself (no connection: one that is being removed). */
export function queueMessage(
  jobs: JobRepo,
  to: MessageRef,
  what: string,
  reply: Reply,
  at: Date,
): Promise<boolean> {
  return jobs.enqueue({
    kind: NOTIFY_JOB,
    key: `${to.workspaceId}|${to.conversationKey}|${what}|${at.toISOString()}`,
    payload: { to, reply },
    maxAttempts: MAX_TRIES,
    runAt: at,
  });
}

class TryAgainLater extends Error {
  override readonly name = 'TryAgainLater';
}

async function recordFailing(
  deps: CoreDeps,
  c: Connection,
  failure: keyof typeof FAILURE_WORDS,
  detail: string,
): Promise<void> {
  const since = c.notifyFailingSince ?? deps.clock.now().toISOString();
  await deps.store.connections.update(c.workspaceId, c.id, {
    notifyFailingSince: since,
    notifyFailure: FAILURE_WORDS[failure],
  });
  deps.log.warn(
    { workspace: c.workspaceId, connection: c.id, failure, detail: detail.slice(0, 200) },
    'notification not delivered',
  );
}

export function notifyJob(deps: CoreDeps): JobHandler {
  const load = (payload: Record<string, unknown>) =>
    deps.store.connections.get(String(payload.workspaceId ?? ''), String(payload.connectionId ?? ''));
  return {
    run: async (job) => {
      const to = job.payload.to as MessageRef | undefined;
      if (to) {
        const d = await deps.notifier.post(to, job.payload.reply as Reply);
        if (
          !d.ok &&
          (d.failure === 'throttled' || d.failure === 'unavailable') &&
          job.attempt < job.maxAttempts
        )
          throw new TryAgainLater(`${d.failure}: ${d.detail}`);
        if (!d.ok)
          deps.log.warn({ failure: d.failure, detail: d.detail.slice(0, 200) }, 'message not delivered');
        return;
      }
      const c = await load(job.payload);
      if (!c) return;
      const target = c.conversationKey
        ? await deps.store.conversations.get(c.workspaceId, c.conversationKey)
        : undefined;
      if (!target) return recordFailing(deps, c, 'no_conversation', 'no conversation key or reference');
      const reply = job.payload.reply as Reply;
      const d = await deps.notifier.post(
        { channel: target.channel, workspaceId: c.workspaceId, conversationKey: target.key },
        reply,
      );
      if (d.ok) {
        if (c.notifyFailingSince)
          await deps.store.connections.update(c.workspaceId, c.id, {
            notifyFailingSince: undefined,
            notifyFailure: undefined,
          });
        return;
      }
      const passing = d.failure === 'throttled' || d.failure === 'unavailable';
      if (passing && job.attempt < job.maxAttempts) throw new TryAgainLater(`${d.failure}: ${d.detail}`);
      return recordFailing(deps, c, d.failure, d.detail);
    },
    giveUp: async (job, reason) => {
      const c = await load(job.payload);
      if (c) await recordFailing(deps, c, 'unavailable', reason);
    },
  };
}
