import type BetterSqlite3 from 'better-sqlite3';

/**
 * The schema, as an ordered list of versioned migrations. A migration is never edited once
 * shipped: add a new one. Applied versions are recorded in `schema_migrations`.
 */
export interface Migration {
  version: number;
  name: string;
  up: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    up: `
      CREATE TABLE workspaces (
        id TEXT PRIMARY KEY,
        channel TEXT NOT NULL,
        name TEXT,
        created_at TEXT NOT NULL
      );
      CREATE TABLE connections (
        id TEXT PRIMARY KEY,
        workspace_id TEXT NOT NULL REFERENCES workspaces(id),
        name TEXT NOT NULL,
        name_key TEXT NOT NULL,
        description TEXT,
        tenant_id TEXT NOT NULL,
        subscription_id TEXT NOT NULL,
        subscription_name TEXT NOT NULL,
        client_id TEXT NOT NULL,
        principal_id TEXT NOT NULL,
        roles_json TEXT NOT NULL,
        status TEXT NOT NULL,
        status_reason TEXT,
        secret_expires_on TEXT,
        expiry_source TEXT NOT NULL,
        inventory_json TEXT,
        last_sync_at TEXT,
        notify TEXT NOT NULL,
        conversation_key TEXT,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (workspace_id, name_key)
      );
      CREATE TABLE secrets (
        connection_id TEXT PRIMARY KEY REFERENCES connections(id) ON DELETE CASCADE,
        ciphertext TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE conversations (
        workspace_id TEXT NOT NULL,
        key TEXT NOT NULL,
        channel TEXT NOT NULL,
        reference_json TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (workspace_id, key)
      );
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        workspace_id TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT,
        outcome TEXT NOT NULL,
        detail TEXT,
        at TEXT NOT NULL
      );
      CREATE INDEX audit_log_workspace_at ON audit_log (workspace_id, at);
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'durable connect attempts and jobs',
    up: `
      CREATE TABLE connect_attempts (
        id TEXT PRIMARY KEY,
        workspace_id TEXT NOT NULL REFERENCES workspaces(id),
        key TEXT NOT NULL,
        actor TEXT NOT NULL,
        status TEXT NOT NULL,
        values_json TEXT NOT NULL,
        progress_json TEXT NOT NULL,
        runs INTEGER NOT NULL DEFAULT 0,
        outcome TEXT,
        connection_id TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        finished_at TEXT
      );
      -- One submission runs once: unique while unfinished (a "Try again" on the same card is a new one).
      CREATE UNIQUE INDEX connect_attempts_open_key ON connect_attempts (workspace_id, key)
        WHERE status IN ('pending', 'running');
      CREATE INDEX connect_attempts_unfinished ON connect_attempts (status) WHERE status IN ('pending', 'running');
      CREATE TABLE connect_attempt_secrets (
        attempt_id TEXT PRIMARY KEY REFERENCES connect_attempts(id) ON DELETE CASCADE,
        ciphertext TEXT NOT NULL
      );
      CREATE TABLE jobs (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        payload_json TEXT NOT NULL,
        status TEXT NOT NULL,
        run_at TEXT NOT NULL,
        attempt INTEGER NOT NULL,
        max_attempts INTEGER NOT NULL,
        last_error TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX jobs_open_key ON jobs (kind, key) WHERE status IN ('queued', 'running');
      CREATE INDEX jobs_due ON jobs (status, run_at);
    `,
  },
  {
    version: 3,
    name: 'findings and snapshots',
    up: `
      ALTER TABLE connections ADD COLUMN findings_json TEXT;
      ALTER TABLE connections ADD COLUMN sync_partial_json TEXT;
      CREATE TABLE findings (
        connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
        rule_id TEXT NOT NULL,
        resource_key TEXT NOT NULL,
        severity TEXT NOT NULL,
        severity_rank INTEGER NOT NULL,
        resource_id TEXT NOT NULL,
        resource_name TEXT NOT NULL,
        resource_type TEXT NOT NULL,
        resource_group TEXT,
        reason TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        resolved_at TEXT,
        announced_at TEXT,
        PRIMARY KEY (connection_id, rule_id, resource_key)
      );
      CREATE INDEX findings_open ON findings (connection_id, resolved_at, severity_rank, rule_id, resource_name);
      CREATE TABLE snapshots (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        trigger TEXT NOT NULL,
        duration_ms INTEGER NOT NULL,
        inventory_json TEXT NOT NULL,
        severity_json TEXT NOT NULL,
        opened INTEGER NOT NULL,
        resolved INTEGER NOT NULL,
        partial_json TEXT NOT NULL
      );
      CREATE INDEX snapshots_latest ON snapshots (connection_id, at);
    `,
  },
  {
    version: 4,
    name: 'scheduled syncs and notifications',
    up: `
      ALTER TABLE connections ADD COLUMN status_since TEXT;
      ALTER TABLE connections ADD COLUMN sync_error TEXT;
      ALTER TABLE connections ADD COLUMN notify_failing_since TEXT;
      ALTER TABLE connections ADD COLUMN notify_failure TEXT;
      ALTER TABLE connections ADD COLUMN sync_lease_until TEXT;
      CREATE INDEX findings_unannounced ON findings (connection_id, announced_at, resolved_at);
    `,
  },
  {
    version: 5,
    name: 'secret expiry alerts and rotation',
    up: `
      ALTER TABLE connections ADD COLUMN secret_fingerprint TEXT;
      ALTER TABLE connections ADD COLUMN created_by_name TEXT;
      ALTER TABLE connections ADD COLUMN expiry_snoozed_until TEXT;
      ALTER TABLE connect_attempts ADD COLUMN kind TEXT NOT NULL DEFAULT 'connect';
      ALTER TABLE connect_attempts ADD COLUMN actor_name TEXT;
      CREATE TABLE expiry_alerts (
        connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
        fingerprint TEXT NOT NULL,
        threshold TEXT NOT NULL,
        sent_at TEXT NOT NULL,
        PRIMARY KEY (connection_id, fingerprint, threshold)
      );
      ALTER TABLE audit_log ADD COLUMN target_key TEXT;
      UPDATE audit_log SET target_key = lower(target) WHERE target IS NOT NULL;
      CREATE INDEX audit_by_target ON audit_log (workspace_id, target_key, at);
    `,
  },
  {
    version: 6,
    name: 'the part a finding is about; who did what, by name',
    up: `
      ALTER TABLE findings ADD COLUMN subject TEXT;
      ALTER TABLE audit_log ADD COLUMN actor_name TEXT;
    `,
  },
];

/** The database was written by a newer osto-bot than this one. */
export class SchemaTooNewError extends Error {
  override readonly name = 'SchemaTooNewError';
  constructor(found: number, known: number) {
    super(
      `the database schema is version ${found}, newer than this osto-bot knows (${known}): upgrade osto-bot`,
    );
  }
}

/**
 * Applies the pending migrations in one transaction (a savepoint when the caller already
 * holds one) and returns the versions applied. Safe to run on every start.
 */
export function applyMigrations(
  db: BetterSqlite3.Database,
  appliedAt: string,
  migrations: readonly Migration[] = MIGRATIONS,
): number[] {
  const run = db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at TEXT NOT NULL
    )`);
    const done = new Set(db.prepare<[], number>('SELECT version FROM schema_migrations').pluck().all());
    const known = Math.max(0, ...migrations.map((m) => m.version));
    const newest = Math.max(0, ...done);
    if (newest > known) throw new SchemaTooNewError(newest, known);
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      db.exec(m.up);
      record.run(m.version, m.name, appliedAt);
      applied.push(m.version);
    }
    return applied;
  });
  return db.inTransaction ? run() : run.immediate();
}
