/** At start: every connection gets its scheduled sync back (those that have one keep it). */
import type { CoreDeps } from '../commands/context';
import { DEFAULT_SYNC_INTERVAL_MS, resumedSyncAt, SCHEDULED_SYNC_JOB, scheduleSync } from './schedule';

export async function ensureSchedules(deps: CoreDeps): Promise<number> {
  const interval = deps.syncIntervalMs ?? DEFAULT_SYNC_INTERVAL_MS;
  const now = deps.clock.now();
  let added = 0;
  for (const c of await deps.store.connections.listForSchedule()) {
    if (await deps.store.jobs.findOpen(SCHEDULED_SYNC_JOB, c.id)) continue;
    if (await scheduleSync(deps.store.jobs, c, resumedSyncAt(c, now, interval))) added += 1;
  }
  if (added > 0) {
    deps.log.info({ connections: added }, 'scheduled syncs restored');
    deps.jobs.nudge();
  }
  return added;
}
