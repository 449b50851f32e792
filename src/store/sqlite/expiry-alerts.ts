import type BetterSqlite3 from 'better-sqlite3';
import type { ExpiryAlertRepo } from '../../core/store/ports';
import type { Run } from './run';

/** The expiry-alert ledger: the primary key (connection, fingerprint, threshold) makes each alert once. */
export function expiryAlertRepo(db: BetterSqlite3.Database, run: Run): ExpiryAlertRepo {
  const owns = db.prepare<[string, string], unknown>(
    'SELECT 1 FROM connections WHERE workspace_id = ? AND id = ?',
  );
  const insert = db.prepare<[string, string, string, string]>(
    'INSERT OR IGNORE INTO expiry_alerts (connection_id, fingerprint, threshold, sent_at) VALUES (?, ?, ?, ?)',
  );
  const list = db
    .prepare<[string, string], string>(
      'SELECT threshold FROM expiry_alerts WHERE connection_id = ? AND fingerprint = ? ORDER BY sent_at, rowid',
    )
    .pluck();
  return {
    record: (workspaceId, connectionId, fingerprint, threshold, at) =>
      run(() => {
        if (!owns.get(workspaceId, connectionId)) return false;
        return insert.run(connectionId, fingerprint, threshold, at).changes > 0;
      }),
    list: (workspaceId, connectionId, fingerprint) =>
      run(() => (owns.get(workspaceId, connectionId) ? list.all(connectionId, fingerprint) : [])),
  };
}
