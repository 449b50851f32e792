/**
 * The in-memory Store: the same ports as the SQLite store (and the same contract suite proves
 * it), for fast unit tests of the core's use cases. Secrets are kept as given: there is no disk.
 */
import { randomUUID } from 'node:crypto';
import type { ConnectAttempt, MessageRef, NewAttempt } from '../../src/core/attempt';
import type {
  AuditEntry,
  Connection,
  ConversationTarget,
  NewConnection,
  Workspace,
} from '../../src/core/connection';
import type { Finding, Snapshot } from '../../src/core/finding';
import type { JobRecord } from '../../src/core/jobs';
import type { Clock } from '../../src/core/ports';
import { SEVERITIES } from '../../src/core/posture/rule';
import { emptyCounts } from '../../src/core/present/severity';
import {
  AttemptExistsError,
  type ConnectionPatch,
  type ExpiryAlertRepo,
  type FindingRepo,
  type JobRepo,
  NameTakenError,
  type SecretPatch,
  type SnapshotRepo,
  type Store,
  UnknownWorkspaceError,
} from '../../src/core/store/ports';

interface State {
  workspaces: Map<string, Workspace>;
  connections: Map<string, Connection>;
  connectionSecrets: Map<string, string>;
  attempts: Map<string, ConnectAttempt>;
  attemptSecrets: Map<string, string>;
  conversations: Map<string, ConversationTarget>;
  audit: AuditEntry[];
  jobs: Map<string, JobRecord>;
  findings: Map<string, Finding>;
  snapshots: Snapshot[];
  leases: Map<string, string>;
  expiryAlerts: { key: string; connectionId: string; fingerprint: string; threshold: string; at: string }[];
}

const nameKey = (name: string) => name.normalize('NFKC').toLocaleLowerCase('en-US').trim();
const clone = <T>(v: T): T => structuredClone(v);

function emptyState(): State {
  return {
    workspaces: new Map(),
    connections: new Map(),
    connectionSecrets: new Map(),
    leases: new Map(),
    expiryAlerts: [],
    attempts: new Map(),
    attemptSecrets: new Map(),
    conversations: new Map(),
    audit: [],
    jobs: new Map(),
    findings: new Map(),
    snapshots: [],
  };
}

export class MemoryStore implements Store {
  private state = emptyState();
  private lock: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly clock: Clock = { now: () => new Date() },
    private readonly newId: () => string = randomUUID,
  ) {}

  /** Waits while a transaction runs (other callers queue behind it, as in SQLite). */
  private async gate(): Promise<void> {
    while (this.lock) await this.lock;
  }

  private now(): string {
    return this.clock.now().toISOString();
  }

  private get s(): State {
    return this.state;
  }

  workspaces = {
    upsert: async (w: Workspace) => {
      await this.gate();
      const prev = this.s.workspaces.get(w.id);
      this.s.workspaces.set(w.id, {
        ...w,
        ...((w.name ?? prev?.name) ? { name: w.name ?? prev?.name } : {}),
      });
    },
  };

  connections = {
    findByName: async (workspaceId: string, name: string) => {
      await this.gate();
      const key = nameKey(name);
      const c = [...this.s.connections.values()].find(
        (x) => x.workspaceId === workspaceId && nameKey(x.name) === key,
      );
      return c && clone(c);
    },
    get: async (workspaceId: string, id: string) => {
      await this.gate();
      const c = this.s.connections.get(id);
      return c && c.workspaceId === workspaceId ? clone(c) : undefined;
    },
    list: async (workspaceId: string) => {
      await this.gate();
      return [...this.s.connections.values()]
        .filter((c) => c.workspaceId === workspaceId)
        .sort((a, b) => nameKey(a.name).localeCompare(nameKey(b.name)) || a.id.localeCompare(b.id))
        .map(clone);
    },
    create: async (input: NewConnection, secret: string) => {
      await this.gate();
      if (!this.s.workspaces.has(input.workspaceId)) throw new UnknownWorkspaceError(input.workspaceId);
      const key = nameKey(input.name);
      if (
        [...this.s.connections.values()].some(
          (c) => c.workspaceId === input.workspaceId && nameKey(c.name) === key,
        )
      )
        throw new NameTakenError(input.name);
      const now = this.now();
      const c: Connection = { ...clone(input), id: this.newId(), createdAt: now, updatedAt: now };
      this.s.connections.set(c.id, c);
      this.s.connectionSecrets.set(c.id, secret);
      return clone(c);
    },
    update: async (workspaceId: string, id: string, patch: ConnectionPatch) => {
      await this.gate();
      const c = this.s.connections.get(id);
      if (!c || c.workspaceId !== workspaceId) return undefined;
      const next = { ...c, ...clone(patch), updatedAt: this.now() } as Connection;
      for (const [k, v] of Object.entries(patch))
        if (v === undefined) delete (next as unknown as Record<string, unknown>)[k];
      this.s.connections.set(id, next);
      return clone(next);
    },
    replaceSecret: async (workspaceId: string, id: string, secret: string, patch: SecretPatch) => {
      await this.gate();
      const c = this.s.connections.get(id);
      if (!c || c.workspaceId !== workspaceId) return undefined;
      const next: Connection = { ...c, ...clone(patch), updatedAt: this.now() };
      if (patch.secretExpiresOn === undefined) delete next.secretExpiresOn;
      delete next.expirySnoozedUntil;
      this.s.connections.set(id, next);
      this.s.connectionSecrets.set(id, secret);
      return clone(next);
    },
    remove: async (workspaceId: string, id: string) => {
      await this.gate();
      const c = this.s.connections.get(id);
      if (!c || c.workspaceId !== workspaceId) return false;
      this.s.connections.delete(id);
      this.s.connectionSecrets.delete(id);
      this.s.leases.delete(id);
      for (const [k, f] of this.s.findings) if (f.connectionId === id) this.s.findings.delete(k);
      this.s.snapshots = this.s.snapshots.filter((x) => x.connectionId !== id);
      this.s.expiryAlerts = this.s.expiryAlerts.filter((x) => x.connectionId !== id);
      for (const j of this.s.jobs.values())
        if (j.status === 'queued' && (j.key === id || j.key.startsWith(`${id}|`)))
          Object.assign(j, { status: 'done', lastError: 'cancelled: connection removed' });
      for (const a of this.s.attempts.values())
        if (a.connectionId === id && (a.status === 'pending' || a.status === 'running')) {
          Object.assign(a, { status: 'failed', outcome: 'connection removed' });
          this.s.attemptSecrets.delete(a.id);
        }
      return true;
    },
    listForSchedule: async () => {
      await this.gate();
      return [...this.s.connections.values()]
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
        .map((c) => ({
          id: c.id,
          workspaceId: c.workspaceId,
          ...(c.lastSyncAt ? { lastSyncAt: c.lastSyncAt } : {}),
        }));
    },
    claimSync: async (workspaceId: string, id: string, now: Date, until: Date) => {
      await this.gate();
      if (this.s.connections.get(id)?.workspaceId !== workspaceId) return false;
      const held = this.s.leases.get(id);
      if (held && held > now.toISOString()) return false;
      this.s.leases.set(id, until.toISOString());
      return true;
    },
    releaseSync: async (workspaceId: string, id: string) => {
      await this.gate();
      if (this.s.connections.get(id)?.workspaceId === workspaceId) this.s.leases.delete(id);
    },
    readSecret: async (workspaceId: string, id: string) => {
      await this.gate();
      const c = this.s.connections.get(id);
      const secret = c?.workspaceId === workspaceId ? this.s.connectionSecrets.get(id) : undefined;
      if (secret === undefined) throw new Error(`no secret is stored for connection ${id}`);
      return secret;
    },
  };

  attempts = {
    create: async (a: NewAttempt, secret: string) => {
      await this.gate();
      if (!this.s.workspaces.has(a.workspaceId)) throw new UnknownWorkspaceError(a.workspaceId);
      const open = (x: ConnectAttempt) => x.status === 'pending' || x.status === 'running';
      if (
        [...this.s.attempts.values()].some(
          (x) => x.workspaceId === a.workspaceId && x.key === a.key && open(x),
        )
      )
        throw new AttemptExistsError(a.key);
      const now = this.now();
      const attempt: ConnectAttempt = {
        ...clone(a),
        kind: a.kind ?? 'connect',
        id: this.newId(),
        status: 'pending',
        runs: 0,
        createdAt: now,
        updatedAt: now,
      };
      this.s.attempts.set(attempt.id, attempt);
      this.s.attemptSecrets.set(attempt.id, secret);
      return clone(attempt);
    },
    get: async (workspaceId: string, id: string) => {
      await this.gate();
      const a = this.s.attempts.get(id);
      return a && a.workspaceId === workspaceId ? clone(a) : undefined;
    },
    findByKey: async (workspaceId: string, key: string) => {
      await this.gate();
      const mine = [...this.s.attempts.values()].filter(
        (x) => x.workspaceId === workspaceId && x.key === key,
      );
      const a = mine.find((x) => x.status === 'pending' || x.status === 'running') ?? mine.at(-1);
      return a && clone(a);
    },
    readSecret: async (workspaceId: string, id: string) => {
      await this.gate();
      const a = this.s.attempts.get(id);
      const secret = a?.workspaceId === workspaceId ? this.s.attemptSecrets.get(id) : undefined;
      if (secret === undefined) throw new Error(`no secret is stored for attempt ${id}`);
      return secret;
    },
    setProgress: async (workspaceId: string, id: string, progress: MessageRef) => {
      await this.gate();
      const a = this.s.attempts.get(id);
      if (a?.workspaceId === workspaceId)
        Object.assign(a, { progress: clone(progress), updatedAt: this.now() });
    },
    markRunning: async (workspaceId: string, id: string) => {
      await this.gate();
      const a = this.s.attempts.get(id);
      if (!a || a.workspaceId !== workspaceId) throw new Error(`no attempt ${id}`);
      Object.assign(a, { status: 'running', runs: a.runs + 1, updatedAt: this.now() });
      return clone(a);
    },
    finish: async (
      workspaceId: string,
      id: string,
      end: { status: 'connected' | 'failed' | 'interrupted'; outcome: string; connectionId?: string },
    ) => {
      await this.gate();
      const a = this.s.attempts.get(id);
      if (!a || a.workspaceId !== workspaceId) return;
      const now = this.now();
      Object.assign(a, { ...end, updatedAt: now, finishedAt: now });
      this.s.attemptSecrets.delete(id);
    },
    listUnfinished: async () => {
      await this.gate();
      return [...this.s.attempts.values()]
        .filter((a) => a.status === 'pending' || a.status === 'running')
        .map(clone);
    },
  };

  conversations = {
    save: async (t: ConversationTarget) => {
      await this.gate();
      this.s.conversations.set(`${t.workspaceId}\u0000${t.key}`, clone(t));
    },
    get: async (workspaceId: string, key: string) => {
      await this.gate();
      const t = this.s.conversations.get(`${workspaceId}\u0000${key}`);
      return t && clone(t);
    },
  };

  audit = {
    append: async (e: AuditEntry) => {
      await this.gate();
      this.s.audit.push(clone(e));
    },
    list: async (workspaceId: string, limit = 50, target?: string) => {
      await this.gate();
      const key = target === undefined ? undefined : nameKey(target);
      return this.s.audit
        .map((e, i) => ({ e, i }))
        .filter(
          ({ e }) =>
            e.workspaceId === workspaceId &&
            (key === undefined || (e.target !== undefined && nameKey(e.target) === key)),
        )
        .sort((a, b) => b.e.at.localeCompare(a.e.at) || b.i - a.i)
        .slice(0, Math.max(0, Math.floor(limit)))
        .map(({ e }) => clone(e));
    },
  };

  jobs: JobRepo = {
    enqueue: async (spec) => {
      await this.gate();
      const open = [...this.s.jobs.values()].some(
        (j) =>
          j.kind === spec.kind && j.key === spec.key && (j.status === 'queued' || j.status === 'running'),
      );
      if (open) return false;
      const now = this.now();
      const job: JobRecord = {
        id: this.newId(),
        kind: spec.kind,
        key: spec.key,
        payload: clone(spec.payload),
        attempt: 0,
        maxAttempts: spec.maxAttempts,
        status: 'queued',
        runAt: spec.runAt.toISOString(),
        createdAt: now,
        updatedAt: now,
      };
      this.s.jobs.set(job.id, job);
      return true;
    },
    claimDue: async (now, kinds, limit) => {
      await this.gate();
      const due = [...this.s.jobs.values()]
        .filter((j) => j.status === 'queued' && kinds.includes(j.kind) && j.runAt <= now.toISOString())
        .sort((a, b) => a.runAt.localeCompare(b.runAt) || a.createdAt.localeCompare(b.createdAt))
        .slice(0, limit);
      for (const j of due)
        Object.assign(j, { status: 'running', attempt: j.attempt + 1, updatedAt: this.now() });
      return due.map(clone);
    },
    complete: async (id) => {
      await this.gate();
      const j = this.s.jobs.get(id);
      if (j) Object.assign(j, { status: 'done', updatedAt: this.now() });
    },
    fail: async (id, error, retryAt) => {
      await this.gate();
      const j = this.s.jobs.get(id);
      if (!j) return;
      Object.assign(j, {
        status: retryAt ? 'queued' : 'failed',
        lastError: error,
        updatedAt: this.now(),
        ...(retryAt ? { runAt: retryAt.toISOString() } : {}),
      });
    },
    listRunning: async () => {
      await this.gate();
      return [...this.s.jobs.values()].filter((j) => j.status === 'running').map(clone);
    },
    requeue: async (id, runAt) => {
      await this.gate();
      const j = this.s.jobs.get(id);
      if (j) Object.assign(j, { status: 'queued', runAt: runAt.toISOString(), updatedAt: this.now() });
    },
    reschedule: async (id, runAt) => {
      await this.gate();
      const j = this.s.jobs.get(id);
      if (j) {
        Object.assign(j, { status: 'queued', attempt: 0, runAt: runAt.toISOString(), updatedAt: this.now() });
        delete j.lastError;
      }
    },
    findOpen: async (kind, key) => {
      await this.gate();
      const j = [...this.s.jobs.values()].find(
        (x) => x.kind === kind && x.key === key && (x.status === 'queued' || x.status === 'running'),
      );
      return j && clone(j);
    },
    prune: async (before) => {
      await this.gate();
      let n = 0;
      for (const [id, j] of this.s.jobs)
        if ((j.status === 'done' || j.status === 'failed') && j.updatedAt < before.toISOString()) {
          this.s.jobs.delete(id);
          n += 1;
        }
      return n;
    },
    nextRunAt: async (kinds) => {
      await this.gate();
      const next = [...this.s.jobs.values()]
        .filter((j) => j.status === 'queued' && kinds.includes(j.kind))
        .map((j) => j.runAt)
        .sort()[0];
      return next ? new Date(next) : undefined;
    },
  };

  private unannounced(workspaceId: string, connectionId: string): Finding[] {
    if (this.s.connections.get(connectionId)?.workspaceId !== workspaceId) return [];
    return [...this.s.findings.values()]
      .filter((f) => f.connectionId === connectionId && !f.resolvedAt && !f.announcedAt)
      .sort(
        (a, b) =>
          SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
          a.ruleId.localeCompare(b.ruleId) ||
          a.resourceName.toLowerCase().localeCompare(b.resourceName.toLowerCase()) ||
          a.resourceId.toLowerCase().localeCompare(b.resourceId.toLowerCase()),
      );
  }

  findings: FindingRepo = {
    listUnannounced: async (workspaceId, connectionId) => {
      await this.gate();
      return this.unannounced(workspaceId, connectionId).map(clone);
    },
    markAnnounced: async (workspaceId, connectionId, at) => {
      await this.gate();
      const list = this.unannounced(workspaceId, connectionId);
      for (const f of list) f.announcedAt = at;
      return list.length;
    },
    apply: async (workspaceId, connectionId, seen, completeRules, at) => {
      await this.gate();
      if (this.s.connections.get(connectionId)?.workspaceId !== workspaceId)
        throw new Error('no such connection');
      const key = (ruleId: string, resourceId: string) =>
        `${connectionId}|${ruleId}|${resourceId.toLowerCase()}`;
      const opened: Finding[] = [];
      const seenKeys = new Set<string>();
      for (const f of seen) {
        const k = key(f.ruleId, f.resourceId);
        seenKeys.add(k);
        const prev = this.s.findings.get(k);
        const reopened = prev?.resolvedAt !== undefined;
        const next: Finding = {
          connectionId,
          ruleId: f.ruleId,
          severity: f.severity,
          resourceId: f.resourceId,
          resourceName: f.resourceName,
          resourceType: f.resourceType,
          ...(f.resourceGroup ? { resourceGroup: f.resourceGroup } : {}),
          reason: f.reason,
          ...(f.subject ? { subject: f.subject } : {}),
          firstSeen: prev && !reopened ? prev.firstSeen : at,
          lastSeen: at,
          ...(prev && !reopened && prev.announcedAt ? { announcedAt: prev.announcedAt } : {}),
        };
        this.s.findings.set(k, next);
        if (!prev || reopened) opened.push(clone(next));
      }
      const resolved: Finding[] = [];
      for (const [k, f] of this.s.findings) {
        if (
          f.connectionId !== connectionId ||
          f.resolvedAt ||
          seenKeys.has(k) ||
          !completeRules.has(f.ruleId)
        )
          continue;
        f.resolvedAt = at;
        resolved.push(clone(f));
      }
      const open = emptyCounts();
      for (const f of this.s.findings.values())
        if (f.connectionId === connectionId && !f.resolvedAt) open[f.severity] += 1;
      return { opened, resolved, open };
    },
    listOpen: async (workspaceId, connectionId, { severity, offset, limit }) => {
      await this.gate();
      if (this.s.connections.get(connectionId)?.workspaceId !== workspaceId) return { items: [], total: 0 };
      const all = [...this.s.findings.values()]
        .filter(
          (f) => f.connectionId === connectionId && !f.resolvedAt && (!severity || f.severity === severity),
        )
        .sort(
          (a, b) =>
            SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
            a.ruleId.localeCompare(b.ruleId) ||
            a.resourceName.toLowerCase().localeCompare(b.resourceName.toLowerCase()) ||
            a.resourceId.toLowerCase().localeCompare(b.resourceId.toLowerCase()),
        );
      return { items: all.slice(offset, offset + limit).map(clone), total: all.length };
    },
  };

  expiryAlerts: ExpiryAlertRepo = {
    record: async (workspaceId, connectionId, fingerprint, threshold, at) => {
      await this.gate();
      if (this.s.connections.get(connectionId)?.workspaceId !== workspaceId) return false;
      const key = `${connectionId}|${fingerprint}|${threshold}`;
      if (this.s.expiryAlerts.some((x) => x.key === key)) return false;
      this.s.expiryAlerts.push({ key, connectionId, fingerprint, threshold, at });
      return true;
    },
    list: async (workspaceId, connectionId, fingerprint) => {
      await this.gate();
      if (this.s.connections.get(connectionId)?.workspaceId !== workspaceId) return [];
      return this.s.expiryAlerts
        .filter((x) => x.connectionId === connectionId && x.fingerprint === fingerprint)
        .map((x) => x.threshold);
    },
  };

  snapshots: SnapshotRepo = {
    add: async (workspaceId, snapshot) => {
      await this.gate();
      if (this.s.connections.get(snapshot.connectionId)?.workspaceId !== workspaceId)
        throw new Error('no such connection');
      this.s.snapshots.push(clone(snapshot));
    },
    latest: async (workspaceId, connectionId) => {
      await this.gate();
      if (this.s.connections.get(connectionId)?.workspaceId !== workspaceId) return undefined;
      const mine = this.s.snapshots.filter((x) => x.connectionId === connectionId);
      return mine.length ? clone(mine[mine.length - 1] as Snapshot) : undefined;
    },
  };

  async transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    // The check and the taking of the lock in one synchronous step (no await between them), or
    // two transactions waiting for the same one would both start when it ends.
    while (this.lock) await this.lock;
    const before = this.state;
    this.state = {
      workspaces: new Map(clone([...before.workspaces])),
      connections: new Map(clone([...before.connections])),
      connectionSecrets: new Map(before.connectionSecrets),
      attempts: new Map(clone([...before.attempts])),
      attemptSecrets: new Map(before.attemptSecrets),
      conversations: new Map(clone([...before.conversations])),
      audit: clone(before.audit),
      jobs: new Map(clone([...before.jobs])),
      findings: new Map(clone([...before.findings])),
      snapshots: clone(before.snapshots),
      leases: new Map(before.leases),
      expiryAlerts: clone(before.expiryAlerts),
    };
    let release: () => void = () => {};
    this.lock = new Promise<void>((r) => {
      release = r;
    });
    const tx = this.inside();
    try {
      return await fn(tx);
    } catch (e) {
      this.state = before;
      throw e;
    } finally {
      this.lock = undefined;
      release();
    }
  }

  /** This store's repositories, not waiting on the lock the running transaction holds. */
  private inside(): Store {
    // Its repositories close over their own instance: one that shares this state and never waits.
    const bound = new MemoryStore(this.clock, this.newId);
    bound.state = this.state;
    bound.gate = async () => {};
    bound.transaction = (fn) => fn(bound);
    return bound;
  }

  async ping(): Promise<boolean> {
    return !this.closed;
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /** For tests: everything this store holds, as JSON (to show that nothing changed). */
  dump(): string {
    return JSON.stringify(this.state, (_k, v: unknown) => (v instanceof Map ? [...v.entries()] : v));
  }

  /** For tests: every secret this store holds (to show one is gone). */
  secrets(): string[] {
    return [...this.s.connectionSecrets.values(), ...this.s.attemptSecrets.values()];
  }
}
