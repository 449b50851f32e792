import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import type {
  AuditEntry,
  Connection,
  ConversationTarget,
  NewConnection,
  Workspace,
} from '../core/connection';
import type { Clock } from '../core/ports';
import { NameTakenError, type Store } from '../core/store-port';
import {
  auditToRow,
  connectionToRow,
  nameKey,
  rowToAudit,
  rowToConnection,
  rowToConversation,
} from './connection-rows';
import { checkEncryptionKey } from './key-check';
import { applyMigrations } from './migrations';
import { preparePrivateDatabase } from './private-files';
import { SecretBox } from './secret-box';
import { prepareStatements, type Statements } from './sqlite-statements';

export interface SqliteStoreOptions {
  /** A file path, or ':memory:'. */
  path: string;
  /** 32 bytes (AES-256-GCM). */
  key: Buffer;
  clock?: Clock;
  idFactory?: () => string;
  /** Told of database files found readable by other users (now narrowed to 0600). */
  onNarrowed?: (files: string[]) => void;
}

const BUSY_TIMEOUT_MS = 5000;
const DEFAULT_AUDIT_LIMIT = 50;

/** The createConnection was for a workspace never stored with upsertWorkspace. */
export class UnknownWorkspaceError extends Error {
  override readonly name = 'UnknownWorkspaceError';
  constructor(readonly workspaceId: string) {
    super(`workspace "${workspaceId}" is not stored: upsertWorkspace before createConnection`);
  }
}

/** The embedded store (the default): one sqlite file, the client secrets encrypted in it. */
export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly box: SecretBox;
  private readonly clock: Clock;
  private readonly newId: () => string;
  private readonly path: string;
  private stmts: Statements | undefined;

  constructor(options: SqliteStoreOptions) {
    this.path = options.path;
    this.box = new SecretBox(options.key);
    this.clock = options.clock ?? { now: () => new Date() };
    this.newId = options.idFactory ?? randomUUID;
    const narrowed = preparePrivateDatabase(options.path);
    if (narrowed.length > 0) options.onNarrowed?.(narrowed);
    this.db = new Database(options.path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }

  async migrate(): Promise<void> {
    this.db
      .transaction(() => {
        applyMigrations(this.db, this.now());
        checkEncryptionKey(this.db, this.box, this.path);
      })
      .immediate();
    this.stmts ??= prepareStatements(this.db);
  }

  async ping(): Promise<boolean> {
    try {
      return (this.stmts?.ping ?? this.db.prepare('SELECT 1')).get() !== undefined;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  async upsertWorkspace(workspace: Workspace): Promise<void> {
    this.q.upsertWorkspace.run({
      id: workspace.id,
      channel: workspace.channel,
      name: workspace.name ?? null,
      created_at: this.now(),
    });
  }

  async findConnectionByName(workspaceId: string, name: string): Promise<Connection | undefined> {
    const row = this.q.connectionByName.get(workspaceId, nameKey(name));
    return row && rowToConnection(row);
  }

  async listConnections(workspaceId: string): Promise<Connection[]> {
    return this.q.connectionsOf.all(workspaceId).map(rowToConnection);
  }

  async getConnection(id: string): Promise<Connection | undefined> {
    const row = this.q.connectionById.get(id);
    return row && rowToConnection(row);
  }

  async createConnection(input: NewConnection, clientSecret: string): Promise<Connection> {
    const now = this.now();
    const connection: Connection = { ...input, id: this.newId(), createdAt: now, updatedAt: now };
    const row = connectionToRow(connection);
    const q = this.q;
    try {
      this.db
        .transaction(() => {
          q.insertConnection.run(row);
          q.insertSecret.run({
            connection_id: connection.id,
            ciphertext: this.box.encrypt(clientSecret, connection.id),
            created_at: now,
          });
        })
        .immediate();
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (code === 'SQLITE_CONSTRAINT_UNIQUE' && q.connectionByName.get(row.workspace_id, row.name_key))
        throw new NameTakenError(input.name);
      if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') throw new UnknownWorkspaceError(input.workspaceId);
      throw e;
    }
    return rowToConnection(row);
  }

  async readSecret(connectionId: string): Promise<string> {
    const token = this.q.secretOf.get(connectionId);
    if (token === undefined) throw new Error(`no secret is stored for connection ${connectionId}`);
    return this.box.decrypt(token, connectionId);
  }

  async saveConversation(target: ConversationTarget): Promise<void> {
    this.q.upsertConversation.run({
      workspace_id: target.workspaceId,
      key: target.key,
      channel: target.channel,
      reference_json: JSON.stringify(target.reference ?? null),
      updated_at: this.now(),
    });
  }

  async getConversation(workspaceId: string, key: string): Promise<ConversationTarget | undefined> {
    const row = this.q.conversation.get(workspaceId, key);
    return row && rowToConversation(row);
  }

  async audit(entry: AuditEntry): Promise<void> {
    this.q.insertAudit.run(auditToRow(entry));
  }

  async listAudit(workspaceId: string, limit = DEFAULT_AUDIT_LIMIT): Promise<AuditEntry[]> {
    return this.q.auditOf.all(workspaceId, Math.max(0, Math.floor(limit))).map(rowToAudit);
  }

  /** The prepared statements; they exist once migrate() has run. */
  private get q(): Statements {
    if (!this.stmts) throw new Error('the store is not ready: call migrate() first');
    return this.stmts;
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}
