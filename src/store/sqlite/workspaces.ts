import type BetterSqlite3 from 'better-sqlite3';
import type { Workspace } from '../../core/connection';
import type { WorkspaceRepo } from '../../core/store/ports';
import type { Run } from './run';

export function workspaceRepo(db: BetterSqlite3.Database, run: Run, now: () => string): WorkspaceRepo {
  const upsert = db.prepare<{ id: string; channel: string; name: string | null; created_at: string }>(
    `INSERT INTO workspaces (id, channel, name, created_at) VALUES (@id, @channel, @name, @created_at)
     ON CONFLICT (id) DO UPDATE SET channel = excluded.channel, name = COALESCE(excluded.name, workspaces.name)`,
  );
  return {
    upsert: (w: Workspace) =>
      run(() => {
        upsert.run({ id: w.id, channel: w.channel, name: w.name ?? null, created_at: now() });
      }),
  };
}
