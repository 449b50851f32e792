/**
 * A connection's scheduled sync, as a recurring job: sync, tell the connection's conversation
 * what deserves it (by its notification level), then ask for the next round. Whatever happens,
 * the schedule goes on; it ends only when the connection is gone.
 */
import type { CoreDeps } from '../commands/context';
import type { JobHandler } from '../jobs';
import { changeNotice, tellsStatus } from '../notify/decide';
import { queueNotice } from '../notify/deliver';
import { brokenReply, changeReply, recoveredReply } from '../notify/views';
import { type SyncOutcome, syncConnection } from '../sync/job';
import { DEFAULT_SYNC_INTERVAL_MS, nextSyncAt } from './schedule';

/** Stores the messages a scheduled sync's outcome deserves, and marks what they announce. */
export async function tellOutcome(deps: CoreDeps, outcome: SyncOutcome): Promise<void> {
  const now = deps.clock.now();
  if (outcome.kind === 'failed') {
    const c = outcome.connection;
    if (outcome.broke && tellsStatus(c.notify)) {
      const secret = outcome.error.code === 'secret_expired' || outcome.error.code === 'secret_invalid';
      await queueNotice(deps.store.jobs, c, 'broken', brokenReply(c, secret), now);
      deps.jobs.nudge();
    }
    return;
  }
  if (outcome.kind !== 'synced') return;
  const s = outcome.summary;
  const c = s.connection;
  const rules = new Map(deps.rules.map((r) => [r.id, r]));
  let queued = false;
  await deps.store.transaction(async (tx) => {
    if (s.recovered && tellsStatus(c.notify))
      queued = (await queueNotice(tx.jobs, c, 'recovered', recoveredReply(c), now)) || queued;
    const notice = changeNotice(c.notify, s, await tx.findings.listUnannounced(c.workspaceId, c.id));
    if (notice)
      queued = (await queueNotice(tx.jobs, c, 'changes', changeReply(c, notice, rules), now)) || queued;
    // Decided once: what this level does not post is not posted later either.
    await tx.findings.markAnnounced(c.workspaceId, c.id, now.toISOString());
  });
  if (queued) deps.jobs.nudge();
}

export function scheduledSyncJob(deps: CoreDeps): JobHandler {
  const interval = deps.syncIntervalMs ?? DEFAULT_SYNC_INTERVAL_MS;
  return {
    run: async (job) => {
      const workspaceId = String(job.payload.workspaceId ?? '');
      const connectionId = String(job.payload.connectionId ?? '');
      try {
        const outcome = await syncConnection(deps, workspaceId, connectionId, 'scheduled');
        if (outcome.kind === 'gone') return;
        if (outcome.kind === 'busy')
          deps.log.info({ connection: connectionId }, 'scheduled sync skipped: one is running');
        await tellOutcome(deps, outcome);
      } catch (e) {
        deps.log.error(
          { err: e, workspace: workspaceId, connection: connectionId },
          'scheduled sync crashed',
        );
      }
      return { next: nextSyncAt(connectionId, deps.clock.now(), interval) };
    },
  };
}
