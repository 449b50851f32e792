import type { Channel, Workspace } from '../connection';
import type { Jobs } from '../jobs';
import type { Notifier } from '../notifier';
import type { AzureConnector, Clock, Logger } from '../ports';
import type { Rule } from '../posture/rule';
import type { Store } from '../store/ports';

/** Who asks, from where: everything a verb needs to know of the channel, and nothing else. */
export interface CommandContext {
  workspace: Workspace;
  /** The user's stable id in the channel (Teams AAD object id, Slack user id). */
  actor: string;
  /** The user's display name, when the channel tells it (shown, never used to decide). */
  actorName?: string;
  /** Other names OSTO_ADMINS may list for the user (a Teams user principal name), when known. */
  aliases?: string[];
  channel: Channel;
  /** The conversation the command came from (a new connection's notifications go there). */
  conversationKey?: string;
}

/** The ports the core's use cases run on, built once in the composition root. */
export interface CoreDeps {
  store: Store;
  clock: Clock;
  log: Logger;
  azure: AzureConnector;
  jobs: Jobs;
  notifier: Notifier;
  /** The posture rules a sync judges resources with (src/checks, listed explicitly). */
  rules: readonly Rule[];
  /** OSTO_ADMINS: when set, only these user ids (and a connection's creator) may change connections. */
  admins?: string[];
  /** OSTO_SYNC_INTERVAL in ms (default 6 hours). */
  syncIntervalMs?: number;
  /** OSTO_EXPIRY_CHECK_INTERVAL in ms (default 1 hour). */
  expiryCheckIntervalMs?: number;
  /** OSTO_EXPIRY_THRESHOLDS: days before expiry that alert (default 30,14,7,3,1,0). */
  expiryThresholdsDays?: readonly number[];
  /** New random ids (a secret's fingerprint); crypto.randomUUID by default. */
  newId?: () => string;
}
