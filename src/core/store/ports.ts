/**
 * Persistence for the core, one port per aggregate. Every lookup of a workspace's data takes the
 * workspace id: nothing of one workspace is reachable from another. Secrets go in and out only
 * through the methods that name them; the implementation encrypts them at rest. Schema and
 * migrations belong to each implementation (src/store), not to these ports.
 */
import type { ConnectAttempt, MessageRef, NewAttempt } from '../attempt';
import type { AuditEntry, Connection, ConversationTarget, NewConnection, Workspace } from '../connection';
import type { Finding, Snapshot } from '../finding';
import type { JobRecord, JobSpec } from '../jobs';
import type { FindingInput } from '../posture/evaluate';
import type { Severity } from '../posture/rule';
import type { SeverityCounts } from '../present/severity';

export interface WorkspaceRepo {
  upsert(workspace: Workspace): Promise<void>;
}

export interface ConnectionRepo {
  /** Case-insensitive name lookup within a workspace. */
  findByName(workspaceId: string, name: string): Promise<Connection | undefined>;
  get(workspaceId: string, id: string): Promise<Connection | undefined>;
  list(workspaceId: string): Promise<Connection[]>;
  /**
   * Stores a verified connection and its encrypted secret together.
   * Throws NameTakenError when the name is taken in that workspace (case-insensitive).
   */
  create(input: NewConnection, clientSecret: string): Promise<Connection>;
  readSecret(workspaceId: string, id: string): Promise<string>;
  /**
   * Replaces the stored secret with a verified new one, in one step: the old ciphertext is
   * overwritten and gone from the database files; the expiry facts change with it.
   */
  replaceSecret(
    workspaceId: string,
    id: string,
    clientSecret: string,
    patch: SecretPatch,
  ): Promise<Connection | undefined>;
  /** Changes what a sync or a command learned; the id, workspace, name and secret never change here. */
  update(workspaceId: string, id: string, patch: ConnectionPatch): Promise<Connection | undefined>;
  /**
   * Every connection of every workspace, as the scheduler needs them (id, workspace, last sync).
   * For the scheduler only: commands always go through a workspace.
   */
  listForSchedule(): Promise<Pick<Connection, 'id' | 'workspaceId' | 'lastSyncAt'>[]>;
  /**
   * Removes a connection and everything of it (secret, findings, snapshots, expiry alerts, its
   * queued jobs, unfinished rotate attempts and their secrets); audit entries stay. False when
   * there was none in this workspace. The deleted secrets are gone from the database files.
   */
  remove(workspaceId: string, id: string): Promise<boolean>;
  /**
   * Takes the connection's sync lease until `until` (one sync of a connection at a time, across
   * processes); false while another holder's lease runs. A crashed holder's lease runs out.
   */
  claimSync(workspaceId: string, id: string, now: Date, until: Date): Promise<boolean>;
  releaseSync(workspaceId: string, id: string): Promise<void>;
}

export type ConnectionPatch = Partial<
  Pick<
    Connection,
    | 'status'
    | 'statusReason'
    | 'statusSince'
    | 'syncError'
    | 'notifyFailingSince'
    | 'notifyFailure'
    | 'subscriptionName'
    | 'roles'
    | 'secretExpiresOn'
    | 'expirySource'
    | 'inventory'
    | 'lastSyncAt'
    | 'findings'
    | 'syncPartial'
    | 'notify'
    | 'expirySnoozedUntil'
  >
>;

/** What a verified new secret changes with it. */
export type SecretPatch = Pick<Connection, 'secretFingerprint' | 'expirySource'> &
  Partial<Pick<Connection, 'secretExpiresOn' | 'roles' | 'subscriptionName'>>;

/** The expiry alerts sent, one per (connection, secret fingerprint, threshold) ever. */
export interface ExpiryAlertRepo {
  /** Records an alert; false when this one was recorded before (it must not go out again). */
  record(
    workspaceId: string,
    connectionId: string,
    fingerprint: string,
    threshold: string,
    at: string,
  ): Promise<boolean>;
  /** The thresholds recorded for a secret, oldest first. */
  list(workspaceId: string, connectionId: string, fingerprint: string): Promise<string[]>;
}

/** What one sync changed in a connection's findings. */
export interface FindingChanges {
  /** Seen for the first time, or seen again after they were resolved. */
  opened: Finding[];
  /** Open before, not seen this time by a rule that judged everything it needs. */
  resolved: Finding[];
  /** Open findings after the sync, by severity. */
  open: SeverityCounts;
}

export interface FindingRepo {
  /**
   * Applies one sync's verdicts: every finding seen is open (first seen kept, last seen now);
   * an open finding not seen is resolved only when its rule is among `completeRules`.
   */
  apply(
    workspaceId: string,
    connectionId: string,
    seen: FindingInput[],
    completeRules: ReadonlySet<string>,
    at: string,
  ): Promise<FindingChanges>;
  /** Open findings no notification has named yet, worst first. */
  listUnannounced(workspaceId: string, connectionId: string): Promise<Finding[]>;
  /** Marks every open finding not yet announced as announced at `at`; returns how many. */
  markAnnounced(workspaceId: string, connectionId: string, at: string): Promise<number>;
  /** Open findings, worst first (severity, then rule, then resource name), a page at a time. */
  listOpen(
    workspaceId: string,
    connectionId: string,
    opts: { severity?: Severity; offset: number; limit: number },
  ): Promise<{ items: Finding[]; total: number }>;
}

export interface SnapshotRepo {
  add(workspaceId: string, snapshot: Snapshot): Promise<void>;
  latest(workspaceId: string, connectionId: string): Promise<Snapshot | undefined>;
}

export interface AttemptRepo {
  /**
   * Stores an attempt and its encrypted secret. Throws AttemptExistsError while another attempt
   * with this (workspace, key) is unfinished; once it ended, the same key may start a new one.
   */
  create(attempt: NewAttempt, clientSecret: string): Promise<ConnectAttempt>;
  get(workspaceId: string, id: string): Promise<ConnectAttempt | undefined>;
  /** The unfinished attempt of this key, or else the latest. */
  findByKey(workspaceId: string, key: string): Promise<ConnectAttempt | undefined>;
  readSecret(workspaceId: string, id: string): Promise<string>;
  /** Where its progress is shown, once the channel knows the message. */
  setProgress(workspaceId: string, id: string, progress: MessageRef): Promise<void>;
  /** Marks a run started: status running, runs + 1. */
  markRunning(workspaceId: string, id: string): Promise<ConnectAttempt>;
  /** Ends it and deletes its secret (success moved the secret to the connection first). */
  finish(
    workspaceId: string,
    id: string,
    end: { status: 'connected' | 'failed' | 'interrupted'; outcome: string; connectionId?: string },
  ): Promise<void>;
  /** Attempts not ended yet, in every workspace (for recovery after a restart). */
  listUnfinished(): Promise<ConnectAttempt[]>;
}

export interface ConversationRepo {
  save(target: ConversationTarget): Promise<void>;
  get(workspaceId: string, key: string): Promise<ConversationTarget | undefined>;
}

export interface AuditRepo {
  append(entry: AuditEntry): Promise<void>;
  /** Newest first; only entries about `target` (a connection name, any case) when given. */
  list(workspaceId: string, limit?: number, target?: string): Promise<AuditEntry[]>;
}

/** The records of the embedded job queue (system-wide: jobs carry their workspace in the payload). */
export interface JobRepo {
  /** false when an unfinished job (queued or running) with that kind and key exists. */
  enqueue(
    spec: Required<Pick<JobSpec, 'kind' | 'key' | 'payload' | 'maxAttempts'>> & { runAt: Date },
  ): Promise<boolean>;
  /** Claims up to `limit` due jobs of these kinds (running, attempt + 1), oldest first. */
  claimDue(now: Date, kinds: string[], limit: number): Promise<JobRecord[]>;
  complete(id: string): Promise<void>;
  /** A failed run: queued again at `retryAt`, or failed for good without it. */
  fail(id: string, error: string, retryAt?: Date): Promise<void>;
  /** Jobs a stopped process left running. */
  listRunning(): Promise<JobRecord[]>;
  /** Puts a job left running back in the queue (its attempt counts as used). */
  requeue(id: string, runAt: Date): Promise<void>;
  /** Queues a job again as a fresh one (attempt 0) at `runAt`: a recurring job's next round. */
  reschedule(id: string, runAt: Date): Promise<void>;
  /** The unfinished job of this kind and key, if any. */
  findOpen(kind: string, key: string): Promise<JobRecord | undefined>;
  /** The earliest runAt of a queued job of these kinds. */
  nextRunAt(kinds: string[]): Promise<Date | undefined>;
  /** Deletes finished jobs (done or failed) last changed before `before`; returns how many. */
  prune(before: Date): Promise<number>;
}

export interface Store {
  workspaces: WorkspaceRepo;
  connections: ConnectionRepo;
  attempts: AttemptRepo;
  conversations: ConversationRepo;
  audit: AuditRepo;
  jobs: JobRepo;
  findings: FindingRepo;
  snapshots: SnapshotRepo;
  expiryAlerts: ExpiryAlertRepo;
  /**
   * Runs `fn` with a store whose writes commit together or not at all. `fn` should touch only
   * the store it is given (no other I/O): other callers wait until it ends.
   */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  /** true when the store answers (readiness). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export class NameTakenError extends Error {
  override readonly name = 'NameTakenError';
  constructor(readonly connectionName: string) {
    super(`a connection named "${connectionName}" already exists in this workspace`);
  }
}

export class AttemptExistsError extends Error {
  override readonly name = 'AttemptExistsError';
  constructor(readonly key: string) {
    super('this submission is already being verified');
  }
}

/** A write for a workspace never stored (upsert the workspace first). */
export class UnknownWorkspaceError extends Error {
  override readonly name = 'UnknownWorkspaceError';
  constructor(readonly workspaceId: string) {
    super(`workspace "${workspaceId}" is not stored: upsert it first`);
  }
}
