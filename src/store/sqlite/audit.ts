import type BetterSqlite3 from 'better-sqlite3';
import type { AuditRepo } from '../../core/store/ports';
import { type AuditRow, auditToRow, nameKey, rowToAudit } from '../connection-rows';
import type { Run } from './run';

const DEFAULT_LIMIT = 50;

export function auditRepo(db: BetterSqlite3.Database, run: Run): AuditRepo {
  const insert = db.prepare<AuditRow & { target_key: string | null }>(
    `INSERT INTO audit_log (workspace_id, actor, actor_name, action, target, target_key, outcome, detail, at)
     VALUES (@workspace_id, @actor, @actor_name, @action, @target, @target_key, @outcome, @detail, @at)`,
  );
  const of = db.prepare<[string, number], AuditRow>(
    `SELECT workspace_id, actor, actor_name, action, target, outcome, detail, at FROM audit_log
     WHERE workspace_id = ? ORDER BY at DESC, id DESC LIMIT ?`,
  );
  const about = db.prepare<[string, string, number], AuditRow>(
    `SELECT workspace_id, actor, actor_name, action, target, outcome, detail, at FROM audit_log
     WHERE workspace_id = ? AND target_key = ? ORDER BY at DESC, id DESC LIMIT ?`,
  );
  return {
    append: (e) =>
      run(() => {
        insert.run({ ...auditToRow(e), target_key: e.target === undefined ? null : nameKey(e.target) });
      }),
    list: (workspaceId, limit = DEFAULT_LIMIT, target) =>
      run(() => {
        const n = Math.max(0, Math.floor(limit));
        const rows =
          target === undefined ? of.all(workspaceId, n) : about.all(workspaceId, nameKey(target), n);
        return rows.map(rowToAudit);
      }),
  };
}
