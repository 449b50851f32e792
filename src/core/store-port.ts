import type { AuditEntry, Connection, ConversationTarget, NewConnection, Workspace } from './connection';

/**
 * Persistence for the core. The client secret goes in and out only through
 * createConnection/readSecret; the implementation encrypts it at rest.
 */
export interface Store {
  /** Creates or upgrades the schema; fails clearly on a wrong encryption key. */
  migrate(): Promise<void>;
  /** true when the store answers (readiness). */
  ping(): Promise<boolean>;
  close(): Promise<void>;

  upsertWorkspace(workspace: Workspace): Promise<void>;

  /** Case-insensitive name lookup within a workspace. */
  findConnectionByName(workspaceId: string, name: string): Promise<Connection | undefined>;
  listConnections(workspaceId: string): Promise<Connection[]>;
  getConnection(id: string): Promise<Connection | undefined>;
  /**
   * Stores a verified connection and its encrypted secret in one transaction.
   * Throws NameTakenError when the name is taken in that workspace (case-insensitive).
   */
  createConnection(input: NewConnection, clientSecret: string): Promise<Connection>;
  readSecret(connectionId: string): Promise<string>;

  saveConversation(target: ConversationTarget): Promise<void>;
  getConversation(workspaceId: string, key: string): Promise<ConversationTarget | undefined>;

  audit(entry: AuditEntry): Promise<void>;
  listAudit(workspaceId: string, limit?: number): Promise<AuditEntry[]>;
}

export class NameTakenError extends Error {
  override readonly name = 'NameTakenError';
  constructor(readonly connectionName: string) {
    super(`a connection named "${connectionName}" already exists in this workspace`);
  }
}
