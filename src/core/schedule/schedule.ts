/**
 * When each connection syncs by itself (SPEC 1.2: every OSTO_SYNC_INTERVAL): one recurring job per
 * connection, its next run stored with it, so a restart neither resets nor doubles a schedule.
 * Times are spread by a jitter derived from the connection's id (stable, no randomness to
 * mock), so 500 connections made in the same minute do not sync in the same second.
 */
import type { Connection } from '../connection';
import type { JobRepo } from '../store/ports';

export const SCHEDULED_SYNC_JOB = 'sync.scheduled';
export const DEFAULT_SYNC_INTERVAL_MS = 6 * 3_600_000;

/** The most a scheduled time moves: a tenth of the interval, at most 10 minutes. */
const MAX_JITTER_MS = 10 * 60_000;
/** Connections with no schedule at start (or after an upgrade) are spread over this much. */
const MAX_START_SPREAD_MS = 5 * 60_000;

/** FNV-1a, 32 bits: a stable number from a string. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function jitterMs(connectionId: string, salt: string, intervalMs: number): number {
  const span = Math.floor(Math.min(intervalMs / 10, MAX_JITTER_MS));
  return span > 0 ? hash(`${connectionId}|${salt}`) % span : 0;
}

/** The next scheduled sync after one that ended (or was due) at `after`. */
export function nextSyncAt(connectionId: string, after: Date, intervalMs: number): Date {
  return new Date(after.getTime() + intervalMs + jitterMs(connectionId, after.toISOString(), intervalMs));
}

/**
 * The first scheduled sync of a connection that has none (a start, an upgrade): an interval after
 * its last sync, but not before a small spread from now.
 */
export function resumedSyncAt(c: Pick<Connection, 'id' | 'lastSyncAt'>, now: Date, intervalMs: number): Date {
  const spread = Math.floor(Math.min(intervalMs, MAX_START_SPREAD_MS));
  const soonest = now.getTime() + (spread > 0 ? hash(`start|${c.id}`) % spread : 0);
  const last = c.lastSyncAt ? Date.parse(c.lastSyncAt) : Number.NaN;
  const due = Number.isFinite(last) ? last + intervalMs + jitterMs(c.id, c.lastSyncAt ?? '', intervalMs) : 0;
  return new Date(Math.max(soonest, due));
}

/** Stores the connection's scheduled sync (a no-op when it has one). */
export function scheduleSync(
  jobs: JobRepo,
  c: Pick<Connection, 'id' | 'workspaceId'>,
  runAt: Date,
): Promise<boolean> {
  return jobs.enqueue({
    kind: SCHEDULED_SYNC_JOB,
    key: c.id,
    payload: { workspaceId: c.workspaceId, connectionId: c.id },
    // A scheduled sync that fails is not retried: the next round comes anyway.
    maxAttempts: 1,
    runAt,
  });
}
