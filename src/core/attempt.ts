import type { Channel } from './connection';
import type { FormValues } from './views';

/**
 * Where a message lives (or will live) in a channel: the conversation and, once posted, the
 * message's id. `extra` holds what one channel needs besides (Slack: the response_url, the user
 * to DM, the open modal). Opaque to the core; never a secret.
 */
export interface MessageRef {
  channel: Channel;
  workspaceId: string;
  /** The conversation's stable key (a Teams conversation id, a Slack channel id). */
  conversationKey: string;
  /** The posted message's id (a Teams activity id, a Slack `channel/ts`), once there is one. */
  messageId?: string;
  extra?: Record<string, string>;
}

export type AttemptStatus = 'pending' | 'running' | 'connected' | 'failed' | 'interrupted';

/**
 * One submission of the connect form, stored before verification starts so that it survives a
 * restart and runs once however many replicas there are (unique per workspace and key). Its
 * secret is stored encrypted beside it and deleted when it ends.
 */
export interface ConnectAttempt {
  id: string;
  /** A new connection, or a new secret for an existing one (`connectionId` says which). */
  kind: 'connect' | 'rotate';
  workspaceId: string;
  /** What identifies the submission in its channel (the card's or the modal's id). */
  key: string;
  actor: string;
  /** The actor's display name, when the channel told it. */
  actorName?: string;
  status: AttemptStatus;
  /** The form's values that may be shown again: never the secret. */
  values: FormValues & { name: string; subscriptionId: string; clientId: string; tenantId: string };
  /** Where the progress is shown and the outcome lands. */
  progress: MessageRef;
  /** How many times its verification started (a restart mid-way starts it again). */
  runs: number;
  /** A short outcome for the record ("connected", "signin: secret_invalid", "interrupted"). */
  outcome?: string;
  /** The connection it made. */
  connectionId?: string;
  createdAt: string;
  updatedAt: string;
  finishedAt?: string;
}

export type NewAttempt = Pick<ConnectAttempt, 'workspaceId' | 'key' | 'actor' | 'values' | 'progress'> &
  Partial<Pick<ConnectAttempt, 'kind' | 'connectionId' | 'actorName'>>;

export function isFinished(a: Pick<ConnectAttempt, 'status'>): boolean {
  return a.status === 'connected' || a.status === 'failed' || a.status === 'interrupted';
}
