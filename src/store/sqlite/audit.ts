import type BetterSqlite3 from 'better-sqlite3';
import type { AuditRepo } from '../../core/store/ports';
import { type AuditRow, auditToRow, rowToAudit } from '../connection-rows';
import type { Run } from './run';

const DEFAULT_LIMIT = 50;

export function auditRepo(db: BetterSqlite3.Database, run: Run): AuditRepo {
  const insert = db.prepare<AuditRow>(
    `INSERT INTO audit_log (workspace_id, actor, action, target, outcome, detail, at)
     VALUES (@workspace_id, @actor, @action, @target, @outcome, @detail, @at)`,
  );
  const of = db.prepare<[string, number], AuditRow>(
    `SELECT workspace_id, actor, action, target, outcome, detail, at FROM audit_log
     WHERE workspace_id = ? ORDER BY at DESC, id DESC LIMIT ?`,
  );
  return {
    append: (e) =>
      run(() => {
        insert.run(auditToRow(e));
      }),
    list: (workspaceId, limit = DEFAULT_LIMIT) =>
      run(() => of.all(workspaceId, Math.max(0, Math.floor(limit))).map(rowToAudit)),
  };
}
