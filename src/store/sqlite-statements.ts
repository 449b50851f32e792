import type BetterSqlite3 from 'better-sqlite3';
import type { AuditRow, ConnectionRow, ConversationRow } from './connection-rows';

/** Every statement the sqlite store runs, prepared once after the schema exists. */

type Stmt<P extends unknown[] | object, R = unknown> = BetterSqlite3.Statement<
  P extends unknown[] ? P : [P],
  R
>;

const CONNECTION_COLUMNS = [
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
  'secret_expires_on',
  'expiry_source',
  'inventory_json',
  'last_sync_at',
  'notify',
  'conversation_key',
  'created_by',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof ConnectionRow)[];

export interface WorkspaceParams {
  id: string;
  channel: string;
  name: string | null;
  created_at: string;
}

export interface SecretParams {
  connection_id: string;
  ciphertext: string;
  created_at: string;
}

export interface Statements {
  ping: Stmt<[], unknown>;
  upsertWorkspace: Stmt<WorkspaceParams>;
  connectionByName: Stmt<[string, string], ConnectionRow>;
  connectionsOf: Stmt<[string], ConnectionRow>;
  connectionById: Stmt<[string], ConnectionRow>;
  insertConnection: Stmt<ConnectionRow>;
  insertSecret: Stmt<SecretParams>;
  secretOf: Stmt<[string], string>;
  upsertConversation: Stmt<ConversationRow>;
  conversation: Stmt<[string, string], ConversationRow>;
  insertAudit: Stmt<AuditRow>;
  auditOf: Stmt<[string, number], AuditRow>;
}

export function prepareStatements(db: BetterSqlite3.Database): Statements {
  const cols = CONNECTION_COLUMNS.join(', ');
  const params = CONNECTION_COLUMNS.map((c) => `@${c}`).join(', ');
  return {
    ping: db.prepare<[], unknown>('SELECT 1'),
    upsertWorkspace: db.prepare<WorkspaceParams>(
      `INSERT INTO workspaces (id, channel, name, created_at) VALUES (@id, @channel, @name, @created_at)
       ON CONFLICT (id) DO UPDATE SET channel = excluded.channel, name = COALESCE(excluded.name, workspaces.name)`,
    ),
    connectionByName: db.prepare<[string, string], ConnectionRow>(
      `SELECT ${cols} FROM connections WHERE workspace_id = ? AND name_key = ?`,
    ),
    connectionsOf: db.prepare<[string], ConnectionRow>(
      `SELECT ${cols} FROM connections WHERE workspace_id = ? ORDER BY name_key, name, id`,
    ),
    connectionById: db.prepare<[string], ConnectionRow>(`SELECT ${cols} FROM connections WHERE id = ?`),
    insertConnection: db.prepare<ConnectionRow>(`INSERT INTO connections (${cols}) VALUES (${params})`),
    insertSecret: db.prepare<SecretParams>(
      'INSERT INTO secrets (connection_id, ciphertext, created_at) VALUES (@connection_id, @ciphertext, @created_at)',
    ),
    secretOf: db.prepare<[string], string>('SELECT ciphertext FROM secrets WHERE connection_id = ?').pluck(),
    upsertConversation: db.prepare<ConversationRow>(
      `INSERT INTO conversations (workspace_id, key, channel, reference_json, updated_at)
       VALUES (@workspace_id, @key, @channel, @reference_json, @updated_at)
       ON CONFLICT (workspace_id, key) DO UPDATE SET
         channel = excluded.channel, reference_json = excluded.reference_json, updated_at = excluded.updated_at`,
    ),
    conversation: db.prepare<[string, string], ConversationRow>(
      'SELECT workspace_id, key, channel, reference_json, updated_at FROM conversations WHERE workspace_id = ? AND key = ?',
    ),
    insertAudit: db.prepare<AuditRow>(
      `INSERT INTO audit_log (workspace_id, actor, action, target, outcome, detail, at)
       VALUES (@workspace_id, @actor, @action, @target, @outcome, @detail, @at)`,
    ),
    auditOf: db.prepare<[string, number], AuditRow>(
      `SELECT workspace_id, actor, action, target, outcome, detail, at FROM audit_log
       WHERE workspace_id = ? ORDER BY at DESC, id DESC LIMIT ?`,
    ),
  };
}
