/**
 * A sync as a job (one per connection at a time): read the subscription with the rules' plan,
 * judge each resource as it comes, record findings and a snapshot, and tell whoever asked.
 */
import type { MessageRef } from '../attempt';
import type { CoreDeps } from '../commands/context';
import { StageFailure } from '../errors';
import type { SyncTrigger } from '../finding';
import type { JobHandler } from '../jobs';
import { PostureEvaluator } from '../posture/evaluate';
import { planFor } from '../posture/plan';
import type { FollowUp, Reply } from '../reply';
import { recordSync, type SyncSummary } from './record';
import { syncSummaryView } from './views';

export const SYNC_JOB = 'sync.run';

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

/** Runs one sync of a stored connection; undefined when the connection is gone. Throws StageFailure. */
export async function syncConnection(
  deps: CoreDeps,
  workspaceId: string,
  connectionId: string,
  trigger: SyncTrigger,
): Promise<SyncSummary | undefined> {
  const connection = await deps.store.connections.get(workspaceId, connectionId);
  if (!connection) return undefined;
  const clientSecret = await deps.store.connections.readSecret(workspaceId, connectionId);
  const startedAt = deps.clock.now();
  const evaluator = new PostureEvaluator(deps.rules);
  const read = await deps.azure.sync(
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
  const summary = await deps.store.transaction((tx) =>
    recordSync(tx, deps.rules, connection, read, evaluator, trigger, startedAt, deps.clock.now()),
  );
  deps.log.info(
    {
      workspace: workspaceId,
      connection: connectionId,
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
  return summary;
}

export function syncJob(deps: CoreDeps): JobHandler {
  const rules = new Map(deps.rules.map((r) => [r.id, r]));
  return {
    run: async (job) => {
      const p = payloadOf(job.payload);
      let reply: Reply;
      try {
        const summary = await syncConnection(deps, p.workspaceId, p.connectionId, p.trigger);
        if (!summary) return;
        reply = { kind: 'report', view: syncSummaryView(summary, rules, deps.clock.now()) };
      } catch (e) {
        if (!(e instanceof StageFailure)) throw e;
        deps.log.warn({ connection: p.connectionId, code: e.result.code }, 'sync failed');
        reply = {
          kind: 'message',
          view: { title: 'The sync failed', text: `${e.result.message} ${e.result.remedy}`, tone: 'bad' },
        };
      }
      if (p.progress) await deps.notifier.update(p.progress, reply, { final: true });
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
  if (!queued)
    await deps.notifier.update(
      where,
      {
        kind: 'message',
        view: {
          title: 'Already syncing',
          text: 'A sync of this connection is running; its summary comes when it ends.',
          tone: 'neutral',
        },
      },
      { final: true },
    );
}
