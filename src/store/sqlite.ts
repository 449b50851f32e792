import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import type { Clock } from '../core/ports';
import type {
  AttemptRepo,
  AuditRepo,
  ConnectionRepo,
  ConversationRepo,
  ExpiryAlertRepo,
  FindingRepo,
  JobRepo,
  SnapshotRepo,
  Store,
  WorkspaceRepo,
} from '../core/store/ports';
import { checkEncryptionKey } from './key-check';
import { applyMigrations } from './migrations';
import { preparePrivateDatabase } from './private-files';
import { SecretBox } from './secret-box';
import { attemptRepo } from './sqlite/attempts';
import { auditRepo } from './sqlite/audit';
import { connectionRepo } from './sqlite/connections';
import { conversationRepo } from './sqlite/conversations';
import { expiryAlertRepo } from './sqlite/expiry-alerts';
import { findingRepo, snapshotRepo } from './sqlite/findings';
import { jobRepo } from './sqlite/jobs';
import type { Run } from './sqlite/run';
import { workspaceRepo } from './sqlite/workspaces';

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

interface Repos {
  workspaces: WorkspaceRepo;
  connections: ConnectionRepo;
  attempts: AttemptRepo;
  conversations: ConversationRepo;
  audit: AuditRepo;
  jobs: JobRepo;
  findings: FindingRepo;
  snapshots: SnapshotRepo;
  expiryAlerts: ExpiryAlertRepo;
}

/**
 * The embedded store (the default): one SQLite file, client secrets encrypted in it. Deleted
 * rows are overwritten (secure_delete), and after a secret is deleted the WAL is checkpointed
 * and truncated, so no trace of it stays in the database files.
 */
export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly box: SecretBox;
  private readonly clock: Clock;
  private readonly newId: () => string;
  private readonly path: string;
  private repos: Repos | undefined;
  private txRepos: Repos | undefined;
  private lock: Promise<void> | undefined;
  private scrubPending = false;

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
    this.db.pragma('secure_delete = ON');
    this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }

  /** Creates or upgrades the schema and checks the encryption key (the adapter's own step, not the port's). */
  async migrate(): Promise<void> {
    this.db
      .transaction(() => {
        applyMigrations(this.db, this.now());
        checkEncryptionKey(this.db, this.box, this.path);
      })
      .immediate();
    if (!this.repos) {
      const waiting: Run = async (f) => {
        while (this.lock) await this.lock;
        return f();
      };
      const direct: Run = async (f) => f();
      this.repos = this.build(waiting);
      this.txRepos = this.build(direct);
    }
  }

  private build(run: Run): Repos {
    const now = () => this.now();
    const deps = { db: this.db, box: this.box, run, now, newId: this.newId };
    return {
      workspaces: workspaceRepo(this.db, run, now),
      connections: connectionRepo({ ...deps, onSecretDeleted: () => this.scrub() }),
      attempts: attemptRepo({ ...deps, onSecretDeleted: () => this.scrub() }),
      conversations: conversationRepo(this.db, run, now),
      audit: auditRepo(this.db, run),
      jobs: jobRepo(this.db, run, now, this.newId),
      findings: findingRepo(this.db, run),
      snapshots: snapshotRepo(this.db, run),
      expiryAlerts: expiryAlertRepo(this.db, run),
    };
  }

  private get r(): Repos {
    if (!this.repos) throw new Error('the store is not ready: call migrate() first');
    return this.repos;
  }

  get workspaces(): WorkspaceRepo {
    return this.r.workspaces;
  }
  get connections(): ConnectionRepo {
    return this.r.connections;
  }
  get attempts(): AttemptRepo {
    return this.r.attempts;
  }
  get conversations(): ConversationRepo {
    return this.r.conversations;
  }
  get audit(): AuditRepo {
    return this.r.audit;
  }
  get jobs(): JobRepo {
    return this.r.jobs;
  }
  get findings(): FindingRepo {
    return this.r.findings;
  }
  get snapshots(): SnapshotRepo {
    return this.r.snapshots;
  }
  get expiryAlerts(): ExpiryAlertRepo {
    return this.r.expiryAlerts;
  }

  async transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    this.r;
    while (this.lock) await this.lock;
    let release: () => void = () => {};
    this.lock = new Promise<void>((r) => {
      release = r;
    });
    const inner = this.txRepos as Repos;
    const tx: Store = {
      ...inner,
      transaction: (f) => f(tx),
      ping: () => this.ping(),
      close: () => this.close(),
    };
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = await fn(tx);
      this.db.exec('COMMIT');
      return result;
    } catch (e) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw e;
    } finally {
      this.lock = undefined;
      release();
      if (this.scrubPending) this.scrub();
    }
  }

  /** After a secret was deleted: fold the WAL into the database and truncate it (secure_delete zeroed the page). */
  private scrub(): void {
    if (this.db.inTransaction) {
      this.scrubPending = true;
      return;
    }
    this.scrubPending = false;
    if (this.path !== ':memory:') this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async ping(): Promise<boolean> {
    try {
      return this.db.prepare('SELECT 1').get() !== undefined;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}
