import type BetterSqlite3 from 'better-sqlite3';
import type { ConversationTarget } from '../../core/connection';
import type { ConversationRepo } from '../../core/store/ports';
import { type ConversationRow, rowToConversation } from '../connection-rows';
import type { Run } from './run';

export function conversationRepo(db: BetterSqlite3.Database, run: Run, now: () => string): ConversationRepo {
  const upsert = db.prepare<ConversationRow>(
    `INSERT INTO conversations (workspace_id, key, channel, reference_json, updated_at)
     VALUES (@workspace_id, @key, @channel, @reference_json, @updated_at)
     ON CONFLICT (workspace_id, key) DO UPDATE SET
       channel = excluded.channel, reference_json = excluded.reference_json, updated_at = excluded.updated_at`,
  );
  const get = db.prepare<[string, string], ConversationRow>(
    'SELECT workspace_id, key, channel, reference_json, updated_at FROM conversations WHERE workspace_id = ? AND key = ?',
  );
  return {
    save: (t: ConversationTarget) =>
      run(() => {
        upsert.run({
          workspace_id: t.workspaceId,
          key: t.key,
          channel: t.channel,
          reference_json: JSON.stringify(t.reference ?? null),
          updated_at: now(),
        });
      }),
    get: (workspaceId, key) =>
      run(() => {
        const row = get.get(workspaceId, key);
        return row && rowToConversation(row);
      }),
  };
}
