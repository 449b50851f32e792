import type BetterSqlite3 from 'better-sqlite3';
import type { Connection, NewConnection } from '../../core/connection';
import {
  type ConnectionPatch,
  type ConnectionRepo,
  NameTakenError,
  UnknownWorkspaceError,
} from '../../core/store/ports';
import { type ConnectionRow, connectionToRow, nameKey, rowToConnection } from '../connection-rows';
import type { SecretBox } from '../secret-box';
import type { Run } from './run';

const COLUMNS = [
  'id',
  'workspace_id',
  'name',
  'name_key',
  'description',
  'tenant_id',
  'subscription_id',
  'subscription_name',
  'client_id',
  'principal_id',
  'roles_json',
  'status',
  'status_reason',
  'status_since',
  'sync_error',
  'notify_failing_since',
  'notify_failure',
  'secret_expires_on',
  'expiry_source',
  'secret_fingerprint',
  'expiry_snoozed_until',
  'inventory_json',
  'last_sync_at',
  'notify',
  'conversation_key',
  'findings_json',
  'sync_partial_json',
  'created_by',
  'created_by_name',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof ConnectionRow)[];

export interface ConnectionRepoDeps {
  db: BetterSqlite3.Database;
  box: SecretBox;
  run: Run;
  now: () => string;
  newId: () => string;
  /** A secret's row was deleted: scrub the WAL once the transaction ends. */
  onSecretDeleted: () => void;
}

export function connectionRepo({
  db,
  box,
  run,
  now,
  newId,
  onSecretDeleted,
}: ConnectionRepoDeps): ConnectionRepo {
  const cols = COLUMNS.join(', ');
  const q = {
    byName: db.prepare<[string, string], ConnectionRow>(
      `SELECT ${cols} FROM connections WHERE workspace_id = ? AND name_key = ?`,
    ),
    byId: db.prepare<[string, string], ConnectionRow>(
      `SELECT ${cols} FROM connections WHERE workspace_id = ? AND id = ?`,
    ),
    of: db.prepare<[string], ConnectionRow>(
      `SELECT ${cols} FROM connections WHERE workspace_id = ? ORDER BY name_key, name, id`,
    ),
    insert: db.prepare<ConnectionRow>(
      `INSERT INTO connections (${cols}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})`,
    ),
    update: db.prepare<ConnectionRow>(
      `UPDATE connections SET ${COLUMNS.filter((c) => c !== 'id' && c !== 'workspace_id')
        .map((c) => `${c} = @${c}`)
        .join(', ')} WHERE id = @id AND workspace_id = @workspace_id`,
    ),
    insertSecret: db.prepare<{ connection_id: string; ciphertext: string; created_at: string }>(
      'INSERT INTO secrets (connection_id, ciphertext, created_at) VALUES (@connection_id, @ciphertext, @created_at)',
    ),
    forSchedule: db.prepare<[], { id: string; workspace_id: string; last_sync_at: string | null }>(
      'SELECT id, workspace_id, last_sync_at FROM connections ORDER BY created_at, id',
    ),
    claim: db.prepare<{ ws: string; id: string; now: string; until: string }>(
      `UPDATE connections SET sync_lease_until = @until
       WHERE workspace_id = @ws AND id = @id AND (sync_lease_until IS NULL OR sync_lease_until <= @now)`,
    ),
    release: db.prepare<[string, string]>(
      'UPDATE connections SET sync_lease_until = NULL WHERE workspace_id = ? AND id = ?',
    ),
    deleteSecret: db.prepare<[string]>('DELETE FROM secrets WHERE connection_id = ?'),
    deleteConnection: db.prepare<[string, string]>(
      'DELETE FROM connections WHERE workspace_id = ? AND id = ?',
    ),
    cancelJobs: db.prepare<{ id: string; prefix: string; at: string }>(
      `UPDATE jobs SET status = 'done', last_error = 'cancelled: connection removed', updated_at = @at
       WHERE status = 'queued' AND (key = @id OR substr(key, 1, length(@prefix)) = @prefix)`,
    ),
    endAttempts: db.prepare<{ id: string; at: string }>(
      `UPDATE connect_attempts SET status = 'failed', outcome = 'connection removed', updated_at = @at, finished_at = @at
       WHERE connection_id = @id AND status IN ('pending', 'running')`,
    ),
    deleteAttemptSecrets: db.prepare<[string]>(
      `DELETE FROM connect_attempt_secrets WHERE attempt_id IN
       (SELECT id FROM connect_attempts WHERE connection_id = ? AND status = 'failed' AND outcome = 'connection removed')`,
    ),
    secretOf: db
      .prepare<[string, string], string>(
        `SELECT s.ciphertext FROM secrets s JOIN connections c ON c.id = s.connection_id
         WHERE c.workspace_id = ? AND c.id = ?`,
      )
      .pluck(),
  };
  return {
    findByName: (workspaceId, name) =>
      run(() => {
        const row = q.byName.get(workspaceId, nameKey(name));
        return row && rowToConnection(row);
      }),
    get: (workspaceId, id) =>
      run(() => {
        const row = q.byId.get(workspaceId, id);
        return row && rowToConnection(row);
      }),
    list: (workspaceId) => run(() => q.of.all(workspaceId).map(rowToConnection)),
    create: (input: NewConnection, clientSecret: string) =>
      run(() => {
        const at = now();
        const connection: Connection = { ...input, id: newId(), createdAt: at, updatedAt: at };
        const row = connectionToRow(connection);
        try {
          db.transaction(() => {
            q.insert.run(row);
            q.insertSecret.run({
              connection_id: connection.id,
              ciphertext: box.encrypt(clientSecret, connection.id),
              created_at: at,
            });
          })();
        } catch (e) {
          const code = (e as { code?: unknown }).code;
          if (code === 'SQLITE_CONSTRAINT_UNIQUE' && q.byName.get(row.workspace_id, row.name_key))
            throw new NameTakenError(input.name);
          if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') throw new UnknownWorkspaceError(input.workspaceId);
          throw e;
        }
        return rowToConnection(row);
      }),
    update: (workspaceId: string, id: string, patch: ConnectionPatch) =>
      run(() => {
        const row = q.byId.get(workspaceId, id);
        if (!row) return undefined;
        const current = rowToConnection(row);
        const next: Connection = { ...current, ...patch, updatedAt: now() };
        for (const [k, v] of Object.entries(patch))
          if (v === undefined) delete (next as unknown as Record<string, unknown>)[k];
        const r = connectionToRow(next);
        q.update.run(r);
        return next;
      }),
    remove: (workspaceId, id) =>
      run(() => {
        const removed = db.transaction(() => {
          if (!q.byId.get(workspaceId, id)) return false;
          const at = now();
          q.deleteSecret.run(id);
          q.cancelJobs.run({ id, prefix: `${id}|`, at });
          q.endAttempts.run({ id, at });
          q.deleteAttemptSecrets.run(id);
          // Findings, snapshots and expiry alerts go with it (ON DELETE CASCADE).
          q.deleteConnection.run(workspaceId, id);
          return true;
        })();
        if (removed) onSecretDeleted();
        return removed;
      }),
    listForSchedule: () =>
      run(() =>
        q.forSchedule.all().map((r) => ({
          id: r.id,
          workspaceId: r.workspace_id,
          ...(r.last_sync_at !== null ? { lastSyncAt: r.last_sync_at } : {}),
        })),
      ),
    claimSync: (workspaceId, id, nowDate, until) =>
      run(
        () =>
          q.claim.run({ ws: workspaceId, id, now: nowDate.toISOString(), until: until.toISOString() })
            .changes > 0,
      ),
    releaseSync: (workspaceId, id) =>
      run(() => {
        q.release.run(workspaceId, id);
      }),
    replaceSecret: (workspaceId, id, clientSecret, patch) =>
      run(() => {
        const replaced = db.transaction(() => {
          const row = q.byId.get(workspaceId, id);
          if (!row) return undefined;
          const current = rowToConnection(row);
          const at = now();
          const next: Connection = { ...current, ...patch, updatedAt: at };
          if (patch.secretExpiresOn === undefined) delete next.secretExpiresOn;
          delete next.expirySnoozedUntil;
          q.update.run(connectionToRow(next));
          // Delete, then insert: secure_delete overwrites the old ciphertext's bytes.
          q.deleteSecret.run(id);
          q.insertSecret.run({
            connection_id: id,
            ciphertext: box.encrypt(clientSecret, id),
            created_at: at,
          });
          return next;
        })();
        if (replaced) onSecretDeleted();
        return replaced;
      }),
    readSecret: (workspaceId, id) =>
      run(() => {
        const token = q.secretOf.get(workspaceId, id);
        if (token === undefined) throw new Error(`no secret is stored for connection ${id}`);
        return box.decrypt(token, id);
      }),
  };
}
