import type BetterSqlite3 from 'better-sqlite3';
import type { ConnectAttempt, MessageRef, NewAttempt } from '../../core/attempt';
import { AttemptExistsError, type AttemptRepo, UnknownWorkspaceError } from '../../core/store/ports';
import type { SecretBox } from '../secret-box';
import type { Run } from './run';

interface AttemptRow {
  id: string;
  workspace_id: string;
  key: string;
  actor: string;
  status: string;
  values_json: string;
  progress_json: string;
  runs: number;
  outcome: string | null;
  connection_id: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
  kind: string;
  actor_name: string | null;
}

const COLUMNS =
  'id, workspace_id, key, actor, status, values_json, progress_json, runs, outcome, connection_id, created_at, updated_at, finished_at, kind, actor_name';

function toAttempt(r: AttemptRow): ConnectAttempt {
  return {
    id: r.id,
    kind: r.kind === 'rotate' ? 'rotate' : 'connect',
    workspaceId: r.workspace_id,
    key: r.key,
    actor: r.actor,
    status: r.status as ConnectAttempt['status'],
    values: JSON.parse(r.values_json) as ConnectAttempt['values'],
    progress: JSON.parse(r.progress_json) as MessageRef,
    runs: r.runs,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    ...(r.outcome !== null ? { outcome: r.outcome } : {}),
    ...(r.connection_id !== null ? { connectionId: r.connection_id } : {}),
    ...(r.finished_at !== null ? { finishedAt: r.finished_at } : {}),
    ...(r.actor_name !== null ? { actorName: r.actor_name } : {}),
  };
}

/** The AAD of an attempt's secret: bound to the attempt, so it cannot be moved to another row. */
const aadOf = (id: string) => `attempt:${id}`;

export interface AttemptRepoDeps {
  db: BetterSqlite3.Database;
  box: SecretBox;
  run: Run;
  now: () => string;
  newId: () => string;
  /** Called after a secret was deleted (the store then scrubs it from the WAL too). */
  onSecretDeleted: () => void;
}

export function attemptRepo({ db, box, run, now, newId, onSecretDeleted }: AttemptRepoDeps): AttemptRepo {
  const q = {
    insert: db.prepare<AttemptRow>(
      `INSERT INTO connect_attempts (${COLUMNS}) VALUES (@id, @workspace_id, @key, @actor, @status, @values_json,
       @progress_json, @runs, @outcome, @connection_id, @created_at, @updated_at, @finished_at, @kind, @actor_name)`,
    ),
    insertSecret: db.prepare<[string, string]>(
      'INSERT INTO connect_attempt_secrets (attempt_id, ciphertext) VALUES (?, ?)',
    ),
    byId: db.prepare<[string, string], AttemptRow>(
      `SELECT ${COLUMNS} FROM connect_attempts WHERE workspace_id = ? AND id = ?`,
    ),
    byKey: db.prepare<[string, string], AttemptRow>(
      `SELECT ${COLUMNS} FROM connect_attempts WHERE workspace_id = ? AND key = ?
       ORDER BY (status IN ('pending', 'running')) DESC, created_at DESC LIMIT 1`,
    ),
    secretOf: db
      .prepare<[string, string], string>(
        `SELECT s.ciphertext FROM connect_attempt_secrets s JOIN connect_attempts a ON a.id = s.attempt_id
         WHERE a.workspace_id = ? AND a.id = ?`,
      )
      .pluck(),
    setProgress: db.prepare<[string, string, string, string]>(
      'UPDATE connect_attempts SET progress_json = ?, updated_at = ? WHERE workspace_id = ? AND id = ?',
    ),
    running: db.prepare<[string, string, string]>(
      `UPDATE connect_attempts SET status = 'running', runs = runs + 1, updated_at = ?
       WHERE workspace_id = ? AND id = ?`,
    ),
    finish: db.prepare<{
      status: string;
      outcome: string;
      connection_id: string | null;
      at: string;
      workspace_id: string;
      id: string;
    }>(
      `UPDATE connect_attempts SET status = @status, outcome = @outcome, connection_id = COALESCE(@connection_id, connection_id),
       updated_at = @at, finished_at = @at WHERE workspace_id = @workspace_id AND id = @id`,
    ),
    deleteSecret: db.prepare<[string]>('DELETE FROM connect_attempt_secrets WHERE attempt_id = ?'),
    unfinished: db.prepare<[], AttemptRow>(
      `SELECT ${COLUMNS} FROM connect_attempts WHERE status IN ('pending', 'running') ORDER BY created_at`,
    ),
  };
  return {
    create: (a: NewAttempt, secret: string) =>
      run(() => {
        const at = now();
        const row: AttemptRow = {
          id: newId(),
          workspace_id: a.workspaceId,
          key: a.key,
          actor: a.actor,
          status: 'pending',
          values_json: JSON.stringify(a.values),
          progress_json: JSON.stringify(a.progress),
          runs: 0,
          outcome: null,
          connection_id: a.connectionId ?? null,
          created_at: at,
          updated_at: at,
          finished_at: null,
          kind: a.kind ?? 'connect',
          actor_name: a.actorName ?? null,
        };
        try {
          db.transaction(() => {
            q.insert.run(row);
            q.insertSecret.run(row.id, box.encrypt(secret, aadOf(row.id)));
          })();
        } catch (e) {
          const code = (e as { code?: unknown }).code;
          if (code === 'SQLITE_CONSTRAINT_UNIQUE') throw new AttemptExistsError(a.key);
          if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') throw new UnknownWorkspaceError(a.workspaceId);
          throw e;
        }
        return toAttempt(row);
      }),
    get: (workspaceId, id) =>
      run(() => {
        const row = q.byId.get(workspaceId, id);
        return row && toAttempt(row);
      }),
    findByKey: (workspaceId, key) =>
      run(() => {
        const row = q.byKey.get(workspaceId, key);
        return row && toAttempt(row);
      }),
    readSecret: (workspaceId, id) =>
      run(() => {
        const token = q.secretOf.get(workspaceId, id);
        if (token === undefined) throw new Error(`no secret is stored for attempt ${id}`);
        return box.decrypt(token, aadOf(id));
      }),
    setProgress: (workspaceId, id, progress) =>
      run(() => {
        q.setProgress.run(JSON.stringify(progress), now(), workspaceId, id);
      }),
    markRunning: (workspaceId, id) =>
      run(() => {
        q.running.run(now(), workspaceId, id);
        const row = q.byId.get(workspaceId, id);
        if (!row) throw new Error(`no attempt ${id} in this workspace`);
        return toAttempt(row);
      }),
    finish: (workspaceId, id, end) =>
      run(() => {
        const deleted = db.transaction(() => {
          q.finish.run({
            status: end.status,
            outcome: end.outcome,
            connection_id: end.connectionId ?? null,
            at: now(),
            workspace_id: workspaceId,
            id,
          });
          return q.byId.get(workspaceId, id) ? q.deleteSecret.run(id).changes : 0;
        })();
        if (deleted > 0) onSecretDeleted();
      }),
    listUnfinished: () => run(() => q.unfinished.all().map(toAttempt)),
  };
}
