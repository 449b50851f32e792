import type { AuditEntry, Connection, ConversationTarget } from '../core/connection';
import type { InventorySummary } from '../core/inventory';

/**
 * Rows as sqlite holds them (snake_case, null for absent) and their mapping to the core's
 * types (optional fields absent, never null).
 */

/** The key that makes connection names unique per workspace, case-insensitively. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').toLocaleLowerCase('en-US').trim();
}

export interface ConnectionRow {
  id: string;
  workspace_id: string;
  name: string;
  name_key: string;
  description: string | null;
  tenant_id: string;
  subscription_id: string;
  subscription_name: string;
  client_id: string;
  principal_id: string;
  roles_json: string;
  status: string;
  status_reason: string | null;
  status_since: string | null;
  sync_error: string | null;
  notify_failing_since: string | null;
  notify_failure: string | null;
  secret_expires_on: string | null;
  expiry_source: string;
  secret_fingerprint: string | null;
  expiry_snoozed_until: string | null;
  inventory_json: string | null;
  last_sync_at: string | null;
  notify: string;
  conversation_key: string | null;
  findings_json: string | null;
  sync_partial_json: string | null;
  created_by: string;
  created_by_name: string | null;
  created_at: string;
  updated_at: string;
}

export interface ConversationRow {
  workspace_id: string;
  key: string;
  channel: string;
  reference_json: string;
  updated_at: string;
}

export interface AuditRow {
  workspace_id: string;
  actor: string;
  actor_name: string | null;
  action: string;
  target: string | null;
  outcome: string;
  detail: string | null;
  at: string;
}

/** Sets `key` on `target` only when the stored value is not null. */
function optional<T, K extends keyof T>(target: T, key: K, value: T[K] | null): void {
  if (value !== null) target[key] = value;
}

export function connectionToRow(c: Connection): ConnectionRow {
  return {
    id: c.id,
    workspace_id: c.workspaceId,
    name: c.name,
    name_key: nameKey(c.name),
    description: c.description ?? null,
    tenant_id: c.tenantId,
    subscription_id: c.subscriptionId,
    subscription_name: c.subscriptionName,
    client_id: c.clientId,
    principal_id: c.principalId,
    roles_json: JSON.stringify(c.roles),
    status: c.status,
    status_reason: c.statusReason ?? null,
    status_since: c.statusSince ?? null,
    sync_error: c.syncError ?? null,
    notify_failing_since: c.notifyFailingSince ?? null,
    notify_failure: c.notifyFailure ?? null,
    secret_expires_on: c.secretExpiresOn ?? null,
    expiry_source: c.expirySource,
    secret_fingerprint: c.secretFingerprint ?? null,
    expiry_snoozed_until: c.expirySnoozedUntil ?? null,
    inventory_json: c.inventory === undefined ? null : JSON.stringify(c.inventory),
    last_sync_at: c.lastSyncAt ?? null,
    notify: c.notify,
    conversation_key: c.conversationKey ?? null,
    findings_json: c.findings === undefined ? null : JSON.stringify(c.findings),
    sync_partial_json: c.syncPartial === undefined ? null : JSON.stringify(c.syncPartial),
    created_by: c.createdBy,
    created_by_name: c.createdByName ?? null,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  };
}

export function rowToConnection(r: ConnectionRow): Connection {
  const c: Connection = {
    id: r.id,
    workspaceId: r.workspace_id,
    name: r.name,
    tenantId: r.tenant_id,
    subscriptionId: r.subscription_id,
    subscriptionName: r.subscription_name,
    clientId: r.client_id,
    principalId: r.principal_id,
    roles: JSON.parse(r.roles_json) as string[],
    status: r.status as Connection['status'],
    expirySource: r.expiry_source as Connection['expirySource'],
    notify: r.notify as Connection['notify'],
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
  optional(c, 'description', r.description);
  optional(c, 'statusReason', r.status_reason);
  optional(c, 'statusSince', r.status_since);
  optional(c, 'syncError', r.sync_error);
  optional(c, 'notifyFailingSince', r.notify_failing_since);
  optional(c, 'notifyFailure', r.notify_failure);
  optional(c, 'secretExpiresOn', r.secret_expires_on);
  optional(c, 'secretFingerprint', r.secret_fingerprint);
  optional(c, 'expirySnoozedUntil', r.expiry_snoozed_until);
  optional(c, 'createdByName', r.created_by_name);
  if (r.inventory_json !== null) c.inventory = JSON.parse(r.inventory_json) as InventorySummary;
  optional(c, 'lastSyncAt', r.last_sync_at);
  optional(c, 'conversationKey', r.conversation_key);
  if (r.findings_json !== null) c.findings = JSON.parse(r.findings_json) as Connection['findings'];
  if (r.sync_partial_json !== null) c.syncPartial = JSON.parse(r.sync_partial_json) as string[];
  return c;
}

export function rowToConversation(r: ConversationRow): ConversationTarget {
  return {
    workspaceId: r.workspace_id,
    key: r.key,
    channel: r.channel as ConversationTarget['channel'],
    reference: JSON.parse(r.reference_json) as unknown,
  };
}

export function auditToRow(e: AuditEntry): AuditRow {
  return {
    workspace_id: e.workspaceId,
    actor: e.actor,
    actor_name: e.actorName ?? null,
    action: e.action,
    target: e.target ?? null,
    outcome: e.outcome,
    detail: e.detail ?? null,
    at: e.at,
  };
}

export function rowToAudit(r: AuditRow): AuditEntry {
  const e: AuditEntry = {
    workspaceId: r.workspace_id,
    actor: r.actor,
    action: r.action as AuditEntry['action'],
    outcome: r.outcome as AuditEntry['outcome'],
    at: r.at,
  };
  optional(e, 'actorName', r.actor_name);
  optional(e, 'target', r.target);
  optional(e, 'detail', r.detail);
  return e;
}
