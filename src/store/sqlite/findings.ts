import type BetterSqlite3 from 'better-sqlite3';
import type { Finding, Snapshot } from '../../core/finding';
import { SEVERITIES, type Severity } from '../../core/posture/rule';
import { emptyCounts } from '../../core/present/severity';
import type { FindingChanges, FindingRepo, SnapshotRepo } from '../../core/store/ports';
import type { Run } from './run';

interface FindingRow {
  connection_id: string;
  rule_id: string;
  resource_key: string;
  severity: string;
  severity_rank: number;
  resource_id: string;
  resource_name: string;
  resource_type: string;
  resource_group: string | null;
  reason: string;
  subject: string | null;
  first_seen: string;
  last_seen: string;
  resolved_at: string | null;
  announced_at: string | null;
}

const COLUMNS =
  'connection_id, rule_id, resource_key, severity, severity_rank, resource_id, resource_name, resource_type, resource_group, reason, subject, first_seen, last_seen, resolved_at, announced_at';

const rank = (s: Severity) => SEVERITIES.indexOf(s);

function toFinding(r: FindingRow): Finding {
  return {
    connectionId: r.connection_id,
    ruleId: r.rule_id,
    severity: r.severity as Severity,
    resourceId: r.resource_id,
    resourceName: r.resource_name,
    resourceType: r.resource_type,
    reason: r.reason,
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
    ...(r.resource_group !== null ? { resourceGroup: r.resource_group } : {}),
    ...(r.subject !== null ? { subject: r.subject } : {}),
    ...(r.resolved_at !== null ? { resolvedAt: r.resolved_at } : {}),
    ...(r.announced_at !== null ? { announcedAt: r.announced_at } : {}),
  };
}

/** Findings of connections, scoped by workspace through their connection. */
export function findingRepo(db: BetterSqlite3.Database, run: Run): FindingRepo {
  const owns = db.prepare<[string, string], unknown>(
    'SELECT 1 FROM connections WHERE workspace_id = ? AND id = ?',
  );
  const existing = db.prepare<[string], FindingRow>(
    `SELECT ${COLUMNS} FROM findings WHERE connection_id = ?`,
  );
  const upsert = db.prepare<FindingRow>(
    `INSERT INTO findings (${COLUMNS}) VALUES (@connection_id, @rule_id, @resource_key, @severity, @severity_rank,
     @resource_id, @resource_name, @resource_type, @resource_group, @reason, @subject, @first_seen, @last_seen, @resolved_at, @announced_at)
     ON CONFLICT (connection_id, rule_id, resource_key) DO UPDATE SET severity = excluded.severity,
       severity_rank = excluded.severity_rank, resource_id = excluded.resource_id, resource_name = excluded.resource_name,
       resource_type = excluded.resource_type, resource_group = excluded.resource_group, reason = excluded.reason,
       subject = excluded.subject,
       first_seen = excluded.first_seen, last_seen = excluded.last_seen, resolved_at = NULL,
       announced_at = excluded.announced_at`,
  );
  const resolve = db.prepare<[string, string, string, string]>(
    'UPDATE findings SET resolved_at = ? WHERE connection_id = ? AND rule_id = ? AND resource_key = ?',
  );
  const counts = db.prepare<[string], { severity: string; n: number }>(
    'SELECT severity, COUNT(*) AS n FROM findings WHERE connection_id = ? AND resolved_at IS NULL GROUP BY severity',
  );
  const unannounced = db.prepare<[string], FindingRow>(
    `SELECT ${COLUMNS} FROM findings WHERE connection_id = ? AND resolved_at IS NULL AND announced_at IS NULL
     ORDER BY severity_rank, rule_id, resource_name COLLATE NOCASE, resource_key`,
  );
  const announce = db.prepare<[string, string]>(
    'UPDATE findings SET announced_at = ? WHERE connection_id = ? AND resolved_at IS NULL AND announced_at IS NULL',
  );
  return {
    listUnannounced: (workspaceId, connectionId) =>
      run(() => (owns.get(workspaceId, connectionId) ? unannounced.all(connectionId).map(toFinding) : [])),
    markAnnounced: (workspaceId, connectionId, at) =>
      run(() => (owns.get(workspaceId, connectionId) ? announce.run(at, connectionId).changes : 0)),
    apply: (workspaceId, connectionId, seen, completeRules, at) =>
      run(() => {
        if (!owns.get(workspaceId, connectionId))
          throw new Error(`no connection ${connectionId} in this workspace`);
        return db.transaction((): FindingChanges => {
          const before = new Map(
            existing.all(connectionId).map((r) => [`${r.rule_id}|${r.resource_key}`, r]),
          );
          const opened: Finding[] = [];
          const seenKeys = new Set<string>();
          for (const f of seen) {
            const key = f.resourceId.toLowerCase();
            const id = `${f.ruleId}|${key}`;
            seenKeys.add(id);
            const prev = before.get(id);
            const reopened = prev !== undefined && prev.resolved_at !== null;
            const row: FindingRow = {
              connection_id: connectionId,
              rule_id: f.ruleId,
              resource_key: key,
              severity: f.severity,
              severity_rank: rank(f.severity),
              resource_id: f.resourceId,
              resource_name: f.resourceName,
              resource_type: f.resourceType,
              resource_group: f.resourceGroup ?? null,
              reason: f.reason,
              subject: f.subject ?? null,
              first_seen: prev && !reopened ? prev.first_seen : at,
              last_seen: at,
              resolved_at: null,
              // A finding that comes back after it was resolved is new again, and announced again.
              announced_at: prev && !reopened ? prev.announced_at : null,
            };
            upsert.run(row);
            if (!prev || reopened) opened.push(toFinding(row));
          }
          const resolved: Finding[] = [];
          for (const [id, prev] of before) {
            if (prev.resolved_at !== null || seenKeys.has(id) || !completeRules.has(prev.rule_id)) continue;
            resolve.run(at, connectionId, prev.rule_id, prev.resource_key);
            resolved.push(toFinding({ ...prev, resolved_at: at }));
          }
          const open = emptyCounts();
          for (const c of counts.all(connectionId))
            if (c.severity in open) open[c.severity as Severity] = c.n;
          return { opened, resolved, open };
        })();
      }),
    listOpen: (workspaceId, connectionId, { severity, offset, limit }) =>
      run(() => {
        if (!owns.get(workspaceId, connectionId)) return { items: [], total: 0 };
        const where = `connection_id = ? AND resolved_at IS NULL${severity ? ' AND severity = ?' : ''}`;
        const params: unknown[] = severity ? [connectionId, severity] : [connectionId];
        const total =
          db
            .prepare<unknown[], number>(`SELECT COUNT(*) FROM findings WHERE ${where}`)
            .pluck()
            .get(...params) ?? 0;
        const items = db
          .prepare<unknown[], FindingRow>(
            `SELECT ${COLUMNS} FROM findings WHERE ${where}
             ORDER BY severity_rank, rule_id, resource_name COLLATE NOCASE, resource_key LIMIT ? OFFSET ?`,
          )
          .all(...params, Math.max(0, limit), Math.max(0, offset))
          .map(toFinding);
        return { items, total };
      }),
  };
}

interface SnapshotRow {
  connection_id: string;
  at: string;
  trigger: string;
  duration_ms: number;
  inventory_json: string;
  severity_json: string;
  opened: number;
  resolved: number;
  partial_json: string;
}

export function snapshotRepo(db: BetterSqlite3.Database, run: Run): SnapshotRepo {
  const owns = db.prepare<[string, string], unknown>(
    'SELECT 1 FROM connections WHERE workspace_id = ? AND id = ?',
  );
  const insert = db.prepare<SnapshotRow>(
    `INSERT INTO snapshots (connection_id, at, trigger, duration_ms, inventory_json, severity_json, opened, resolved, partial_json)
     VALUES (@connection_id, @at, @trigger, @duration_ms, @inventory_json, @severity_json, @opened, @resolved, @partial_json)`,
  );
  const latest = db.prepare<[string], SnapshotRow>(
    `SELECT connection_id, at, trigger, duration_ms, inventory_json, severity_json, opened, resolved, partial_json
     FROM snapshots WHERE connection_id = ? ORDER BY at DESC, id DESC LIMIT 1`,
  );
  return {
    add: (workspaceId, s: Snapshot) =>
      run(() => {
        if (!owns.get(workspaceId, s.connectionId))
          throw new Error(`no connection ${s.connectionId} in this workspace`);
        insert.run({
          connection_id: s.connectionId,
          at: s.at,
          trigger: s.trigger,
          duration_ms: Math.round(s.durationMs),
          inventory_json: JSON.stringify(s.inventory),
          severity_json: JSON.stringify(s.severity),
          opened: s.opened,
          resolved: s.resolved,
          partial_json: JSON.stringify(s.partial),
        });
      }),
    latest: (workspaceId, connectionId) =>
      run(() => {
        if (!owns.get(workspaceId, connectionId)) return undefined;
        const r = latest.get(connectionId);
        return r
          ? {
              connectionId: r.connection_id,
              at: r.at,
              trigger: r.trigger as Snapshot['trigger'],
              durationMs: r.duration_ms,
              inventory: JSON.parse(r.inventory_json) as Snapshot['inventory'],
              severity: JSON.parse(r.severity_json) as Snapshot['severity'],
              opened: r.opened,
              resolved: r.resolved,
              partial: JSON.parse(r.partial_json) as string[],
            }
          : undefined;
      }),
  };
}
