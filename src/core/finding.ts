import type { InventorySummary } from './inventory';
import type { Severity } from './posture/rule';
import type { SeverityCounts } from './present/severity';

/** A rule that fails on a resource, as stored for a connection (one per rule and resource). */
export interface Finding {
  connectionId: string;
  ruleId: string;
  severity: Severity;
  resourceId: string;
  resourceName: string;
  resourceType: string;
  resourceGroup?: string;
  reason: string;
  /** The part of the resource at fault (an NSG rule, a firewall rule), when one is. */
  subject?: string;
  firstSeen: string;
  lastSeen: string;
  /** Set when a later complete sync no longer saw it. */
  resolvedAt?: string;
  /** When a notification named it (each finding is announced once, ever). */
  announcedAt?: string;
}

export type SyncTrigger = 'connect' | 'manual' | 'scheduled';

/** What one sync saw and did, kept per connection. */
export interface Snapshot {
  connectionId: string;
  at: string;
  trigger: SyncTrigger;
  durationMs: number;
  inventory: InventorySummary;
  /** Open findings after the sync, by severity. */
  severity: SeverityCounts;
  opened: number;
  resolved: number;
  /** What could not be read ("SQL servers: firewall rules (HTTP 500)"); empty when complete. */
  partial: string[];
}
