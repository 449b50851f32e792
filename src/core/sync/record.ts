/**
 * What a sync leaves behind, in one transaction: the findings applied (new, resolved), a
 * snapshot, and the connection's counts. A rule that could not judge everything it needs
 * resolves nothing (a partial sync never shows findings as fixed).
 */
import type { Connection } from '../connection';
import type { Finding, SyncTrigger } from '../finding';
import type { InventorySummary } from '../inventory';
import type { SyncRead } from '../ports';
import type { PostureEvaluator } from '../posture/evaluate';
import { completeRules, type MissingPart } from '../posture/plan';
import type { Rule } from '../posture/rule';
import type { SeverityCounts } from '../present/severity';
import type { Store } from '../store/ports';
import { successPatch } from './health';

export interface SyncSummary {
  connection: Connection;
  trigger: SyncTrigger;
  opened: Finding[];
  resolved: Finding[];
  open: SeverityCounts;
  inventory: InventorySummary;
  /** The inventory of the sync before this one (undefined for the first). */
  previousInventory?: InventorySummary;
  /** What could not be read, in words ("SQL servers: firewall rules (HTTP 500)"). */
  partial: string[];
  durationMs: number;
  at: string;
  /** The connection was in Error and this sync brought it back. */
  recovered: boolean;
}

export function partialWords(missing: readonly MissingPart[]): string[] {
  return missing.map((m) => `${m.part} (${m.detail})`);
}

export async function recordSync(
  tx: Store,
  rules: readonly Rule[],
  connection: Connection,
  read: SyncRead,
  evaluator: PostureEvaluator,
  trigger: SyncTrigger,
  startedAt: Date,
  now: Date,
): Promise<SyncSummary> {
  const at = now.toISOString();
  const partial = partialWords(read.missing);
  const changes = await tx.findings.apply(
    connection.workspaceId,
    connection.id,
    evaluator.findings(),
    completeRules(rules, read.missing),
    at,
  );
  const durationMs = Math.max(0, now.getTime() - startedAt.getTime());
  await tx.snapshots.add(connection.workspaceId, {
    connectionId: connection.id,
    at,
    trigger,
    durationMs,
    inventory: read.inventory,
    severity: changes.open,
    opened: changes.opened.length,
    resolved: changes.resolved.length,
    partial,
  });
  const updated =
    (await tx.connections.update(connection.workspaceId, connection.id, {
      inventory: read.inventory,
      findings: changes.open,
      lastSyncAt: at,
      syncPartial: partial,
      ...successPatch(connection, at),
    })) ?? connection;
  return {
    connection: updated,
    trigger,
    opened: changes.opened,
    resolved: changes.resolved,
    open: changes.open,
    inventory: read.inventory,
    ...(connection.inventory ? { previousInventory: connection.inventory } : {}),
    partial,
    durationMs,
    at,
    recovered: connection.status === 'error',
  };
}
