import type { InventorySummary } from './inventory';
import type { SeverityCounts } from './present/severity';
import type { VerifiedFacts } from './verification';

export type Channel = 'teams' | 'slack';
export type ConnectionStatus = 'active' | 'error';
export type NotifyLevel = 'all' | 'changes' | 'critical' | 'off';

/** A workspace: a Teams tenant or a Slack team (enterprise). Nothing crosses workspaces. */
export interface Workspace {
  id: string;
  channel: Channel;
  name?: string;
}

/** Where to post later (a Teams conversation reference or a Slack channel), stored as opaque JSON. */
export interface ConversationTarget {
  workspaceId: string;
  /** Stable key: the conversation id. */
  key: string;
  channel: Channel;
  reference: unknown;
}

/** A connected Azure subscription, as stored (never with its secret). */
export interface Connection {
  id: string;
  workspaceId: string;
  name: string;
  description?: string;
  tenantId: string;
  subscriptionId: string;
  subscriptionName: string;
  clientId: string;
  principalId: string;
  roles: string[];
  status: ConnectionStatus;
  statusReason?: string;
  /** When the status became what it is (shown as "Error since …"). */
  statusSince?: string;
  /** Why the latest sync attempt failed, when the failure passes by itself (throttling, an outage): the status stays. */
  syncError?: string;
  /** Messages to the connection's conversation fail since then (cleared by the next delivery). */
  notifyFailingSince?: string;
  /** Why they fail, in words ("the bot was removed from the team: add it back"). */
  notifyFailure?: string;
  secretExpiresOn?: string;
  expirySource: VerifiedFacts['expirySource'];
  /**
   * Names the stored secret (a random id given when it is stored, never derived from it): expiry
   * alerts are recorded per secret, so a rotated secret starts afresh.
   */
  secretFingerprint?: string;
  /** Expiry reminders wait until then (never past the expiry). */
  expirySnoozedUntil?: string;
  inventory?: InventorySummary;
  lastSyncAt?: string;
  /** Open findings by severity, as of the last sync. */
  findings?: SeverityCounts;
  /** What the last sync could not read (empty or absent when it was complete). */
  syncPartial?: string[];
  notify: NotifyLevel;
  /** The conversation where the connection was made (notifications go there). */
  conversationKey?: string;
  createdBy: string;
  /** The creator's display name, when the channel told it. */
  createdByName?: string;
  createdAt: string;
  updatedAt: string;
}

export type NewConnection = Omit<Connection, 'id' | 'createdAt' | 'updatedAt'>;

/** Who did it, as an audit entry records them: the stable id, and the display name when known. */
export function auditActor(who: {
  actor: string;
  actorName?: string | undefined;
}): Pick<AuditEntry, 'actor' | 'actorName'> {
  return { actor: who.actor, ...(who.actorName ? { actorName: who.actorName } : {}) };
}

export interface AuditEntry {
  workspaceId: string;
  actor: string;
  /** The actor's display name, when the channel told it. */
  actorName?: string;
  action:
    | 'connect'
    | 'connect_failed'
    | 'rotate'
    | 'rotate_failed'
    | 'notify'
    | 'snooze'
    | 'disconnect'
    | 'sync';
  target?: string;
  outcome: 'ok' | 'error';
  detail?: string;
  at: string;
}
