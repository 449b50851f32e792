import type BetterSqlite3 from 'better-sqlite3';
import type { JobRecord } from '../../core/jobs';
import type { JobRepo } from '../../core/store/ports';
import type { Run } from './run';

interface JobRow {
  id: string;
  kind: string;
  key: string;
  payload_json: string;
  status: string;
  run_at: string;
  attempt: number;
  max_attempts: number;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

const COLUMNS =
  'id, kind, key, payload_json, status, run_at, attempt, max_attempts, last_error, created_at, updated_at';

function toJob(r: JobRow): JobRecord {
  return {
    id: r.id,
    kind: r.kind,
    key: r.key,
    payload: JSON.parse(r.payload_json) as Record<string, unknown>,
    status: r.status as JobRecord['status'],
    runAt: r.run_at,
    attempt: r.attempt,
    maxAttempts: r.max_attempts,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    ...(r.last_error !== null ? { lastError: r.last_error } : {}),
  };
}

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

export function jobRepo(
  db: BetterSqlite3.Database,
  run: Run,
  now: () => string,
  newId: () => string,
): JobRepo {
  const insert = db.prepare<JobRow>(
    `INSERT INTO jobs (${COLUMNS}) VALUES (@id, @kind, @key, @payload_json, @status, @run_at, @attempt,
     @max_attempts, @last_error, @created_at, @updated_at)`,
  );
  const byId = db.prepare<[string], JobRow>(`SELECT ${COLUMNS} FROM jobs WHERE id = ?`);
  const pruneFinished = db.prepare<[string]>(
    `DELETE FROM jobs WHERE status IN ('done', 'failed') AND updated_at < ?`,
  );
  const setStatus = db.prepare<{
    id: string;
    status: string;
    at: string;
    last_error: string | null;
    run_at: string | null;
  }>(
    `UPDATE jobs SET status = @status, updated_at = @at, last_error = COALESCE(@last_error, last_error),
     run_at = COALESCE(@run_at, run_at) WHERE id = @id`,
  );
  const running = db.prepare<[], JobRow>(
    `SELECT ${COLUMNS} FROM jobs WHERE status = 'running' ORDER BY run_at`,
  );
  const claimOne = db.prepare<[string, string]>(
    `UPDATE jobs SET status = 'running', attempt = attempt + 1, updated_at = ? WHERE id = ? AND status = 'queued'`,
  );
  const reschedule = db.prepare<{ id: string; at: string; run_at: string }>(
    `UPDATE jobs SET status = 'queued', attempt = 0, last_error = NULL, run_at = @run_at, updated_at = @at
     WHERE id = @id`,
  );
  const open = db.prepare<[string, string], JobRow>(
    `SELECT ${COLUMNS} FROM jobs WHERE kind = ? AND key = ? AND status IN ('queued', 'running')`,
  );
  return {
    reschedule: (id, runAt) =>
      run(() => {
        reschedule.run({ id, at: now(), run_at: runAt.toISOString() });
      }),
    findOpen: (kind, key) =>
      run(() => {
        const row = open.get(kind, key);
        return row && toJob(row);
      }),
    enqueue: (spec) =>
      run(() => {
        const at = now();
        try {
          insert.run({
            id: newId(),
            kind: spec.kind,
            key: spec.key,
            payload_json: JSON.stringify(spec.payload),
            status: 'queued',
            run_at: spec.runAt.toISOString(),
            attempt: 0,
            max_attempts: spec.maxAttempts,
            last_error: null,
            created_at: at,
            updated_at: at,
          });
          return true;
        } catch (e) {
          if ((e as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE') return false;
          throw e;
        }
      }),
    claimDue: (nowDate, kinds, limit) =>
      run(() => {
        if (kinds.length === 0 || limit <= 0) return [];
        return db.transaction(() => {
          const due = db
            .prepare<unknown[], JobRow>(
              `SELECT ${COLUMNS} FROM jobs WHERE status = 'queued' AND run_at <= ? AND kind IN (${placeholders(kinds.length)})
               ORDER BY run_at, created_at LIMIT ?`,
            )
            .all(nowDate.toISOString(), ...kinds, limit);
          const at = now();
          const claimed: JobRecord[] = [];
          for (const row of due) {
            if (claimOne.run(at, row.id).changes === 0) continue;
            const fresh = byId.get(row.id);
            if (fresh) claimed.push(toJob(fresh));
          }
          return claimed;
        })();
      }),
    complete: (id) =>
      run(() => {
        setStatus.run({ id, status: 'done', at: now(), last_error: null, run_at: null });
      }),
    fail: (id, error, retryAt) =>
      run(() => {
        setStatus.run({
          id,
          status: retryAt ? 'queued' : 'failed',
          at: now(),
          last_error: error.slice(0, 500),
          run_at: retryAt ? retryAt.toISOString() : null,
        });
      }),
    listRunning: () => run(() => running.all().map(toJob)),
    requeue: (id, runAt) =>
      run(() => {
        setStatus.run({ id, status: 'queued', at: now(), last_error: null, run_at: runAt.toISOString() });
      }),
    prune: (before) => run(() => pruneFinished.run(before.toISOString()).changes),
    nextRunAt: (kinds) =>
      run(() => {
        if (kinds.length === 0) return undefined;
        const next = db
          .prepare<string[], string>(
            `SELECT MIN(run_at) FROM jobs WHERE status = 'queued' AND kind IN (${placeholders(kinds.length)})`,
          )
          .pluck()
          .get(...kinds);
        return typeof next === 'string' ? new Date(next) : undefined;
      }),
  };
}
