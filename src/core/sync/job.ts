/**
 * A sync of a stored connection, and the job that runs one on demand (`/osto sync`): one sync of
 * a connection at a time (a lease in the store), the rules' plan read, each resource judged as it
 * comes, findings and a snapshot recorded, the connection's health updated, and the asker told.
 */
import type { MessageRef } from '../attempt';
import type { CoreDeps } from '../commands/context';
import type { Connection } from '../connection';
import { StageFailure } from '../errors';
import type { SyncTrigger } from '../finding';
import type { JobHandler } from '../jobs';
import { PostureEvaluator } from '../posture/evaluate';
import { planFor } from '../posture/plan';
import type { FollowUp, Reply } from '../reply';
import type { StageError } from '../verification';
import { failurePatch, reasonOf } from './health';
import { recordSync, type SyncSummary } from './record';
import { syncSummaryView } from './views';

export const SYNC_JOB = 'sync.run';

/** How long a sync may hold its connection's lease (longer than any sync's own deadline). */
const LEASE_MS = 15 * 60_000;

export type SyncOutcome =
  /** The connection was removed. */
  | { kind: 'gone' }
  /** Another sync of it is running. */
  | { kind: 'busy' }
  | { kind: 'synced'; summary: SyncSummary }
  /** It failed; `broke` when this failure moved it to Error just now. */
  | { kind: 'failed'; error: StageError; broke: boolean; connection: Connection };

interface Payload {
  workspaceId: string;
  connectionId: string;
  trigger: SyncTrigger;
  progress?: MessageRef;
}

function payloadOf(p: Record<string, unknown>): Payload {
  return {
    workspaceId: String(p.workspaceId ?? ''),
    connectionId: String(p.connectionId ?? ''),
    trigger: p.trigger === 'scheduled' || p.trigger === 'connect' ? p.trigger : 'manual',
    ...(p.progress && typeof p.progress === 'object' ? { progress: p.progress as MessageRef } : {}),
  };
}

/** Syncs one stored connection. Never throws for Azure's reasons: they come back as `failed`. */
export async function syncConnection(
  deps: CoreDeps,
  workspaceId: string,
  connectionId: string,
  trigger: SyncTrigger,
): Promise<SyncOutcome> {
  const connection = await deps.store.connections.get(workspaceId, connectionId);
  if (!connection) return { kind: 'gone' };
  const startedAt = deps.clock.now();
  const leased = await deps.store.connections.claimSync(
    workspaceId,
    connectionId,
    startedAt,
    new Date(startedAt.getTime() + LEASE_MS),
  );
  if (!leased) return { kind: 'busy' };
  try {
    return await leasedSync(deps, connection, trigger, startedAt);
  } finally {
    await deps.store.connections.releaseSync(workspaceId, connectionId);
  }
}

async function leasedSync(
  deps: CoreDeps,
  connection: Connection,
  trigger: SyncTrigger,
  startedAt: Date,
): Promise<SyncOutcome> {
  const { workspaceId, id } = connection;
  const clientSecret = await deps.store.connections.readSecret(workspaceId, id);
  const evaluator = new PostureEvaluator(deps.rules);
  let read: Awaited<ReturnType<CoreDeps['azure']['sync']>>;
  try {
    read = await deps.azure.sync(
      {
        tenantId: connection.tenantId,
        clientId: connection.clientId,
        clientSecret,
        subscriptionId: connection.subscriptionId,
      },
      {
        plan: planFor(deps.rules),
        sink: {
          resource: (r) => evaluator.resource(r),
          subscription: (f) => evaluator.subscription(f, connection.subscriptionName),
        },
      },
    );
  } catch (e) {
    if (!(e instanceof StageFailure)) throw e;
    const at = deps.clock.now().toISOString();
    // Read again: the expiry checker may have moved it to Error while this sync ran.
    const { updated, broke } = await deps.store.transaction(async (tx) => {
      const current = (await tx.connections.get(workspaceId, id)) ?? connection;
      const change = failurePatch(current, e.result, at);
      return {
        updated: (await tx.connections.update(workspaceId, id, change.patch)) ?? current,
        broke: change.broke,
      };
    });
    deps.log.warn(
      { workspace: workspaceId, connection: id, trigger, code: e.result.code, broke },
      'sync failed',
    );
    return { kind: 'failed', error: e.result, broke, connection: updated };
  }
  const summary = await deps.store.transaction((tx) =>
    recordSync(tx, deps.rules, connection, read, evaluator, trigger, startedAt, deps.clock.now()),
  );
  deps.log.info(
    {
      workspace: workspaceId,
      connection: id,
      trigger,
      assets: read.inventory.total,
      opened: summary.opened.length,
      resolved: summary.resolved.length,
      partial: summary.partial.length,
      requests: read.requests,
      ms: summary.durationMs,
    },
    'synced',
  );
  return { kind: 'synced', summary };
}

/** What the person who asked for a sync reads when it ends. */
export function manualSyncReply(deps: CoreDeps, outcome: SyncOutcome): Reply {
  switch (outcome.kind) {
    case 'gone':
      return {
        kind: 'message',
        view: { title: 'Not synced', text: 'That connection was removed in the meantime.', tone: 'neutral' },
      };
    case 'busy':
      return {
        kind: 'message',
        view: {
          title: 'Already syncing',
          text: 'A sync of this connection is running; its summary comes when it ends.',
          tone: 'neutral',
        },
      };
    case 'synced': {
      const rules = new Map(deps.rules.map((r) => [r.id, r]));
      return { kind: 'report', view: syncSummaryView(outcome.summary, rules, deps.clock.now()) };
    }
    case 'failed': {
      const c = outcome.connection;
      const error = c.status === 'error' ? ` ${c.name} is in Error until a sync succeeds.` : '';
      return {
        kind: 'message',
        view: { title: 'The sync failed', text: `${reasonOf(outcome.error, c)}${error}`, tone: 'bad' },
      };
    }
  }
}

/** The on-demand sync (`/osto sync`, "Sync now"): the asker's message becomes the summary. */
export function syncJob(deps: CoreDeps): JobHandler {
  return {
    run: async (job) => {
      const p = payloadOf(job.payload);
      const outcome = await syncConnection(deps, p.workspaceId, p.connectionId, p.trigger);
      if (p.progress) await deps.notifier.update(p.progress, manualSyncReply(deps, outcome), { final: true });
    },
  };
}

/** Starts what a reply asked for, now that the channel knows where the reply is. */
export async function startFollowUp(deps: CoreDeps, f: FollowUp, where: MessageRef): Promise<void> {
  const queued = await deps.jobs.enqueue({
    kind: SYNC_JOB,
    key: f.connectionId,
    payload: { workspaceId: f.workspaceId, connectionId: f.connectionId, trigger: 'manual', progress: where },
    maxAttempts: 1,
  });
  if (!queued) await deps.notifier.update(where, manualSyncReply(deps, { kind: 'busy' }), { final: true });
}
