/**
 * View models: what the user sees, independent of the channel. Teams renders them as
 * Adaptive Cards (cards/*.json), Slack as Block Kit. Never holds a secret.
 */
import type { FieldError, StageId, VerifyErrorCode } from './verification';

/** Connect form values that may be shown again: everything but the secret. */
export interface FormValues {
  name?: string;
  description?: string;
  subscriptionId?: string;
  clientId?: string;
  tenantId?: string;
  secretExpiresOn?: string;
}

/** The connect form's fields whose values may be shown again: every one but the secret. */
export const SHOWN_FIELDS = [
  'name',
  'description',
  'subscriptionId',
  'clientId',
  'tenantId',
  'secretExpiresOn',
] as const satisfies readonly (keyof FormValues)[];

export interface ConnectFormView {
  values: FormValues;
  errors: FieldError[];
  /** A short line above the form ("Fix the marked fields", "Try again"). */
  notice?: string;
}

export type StageState = 'pending' | 'running' | 'ok' | 'warning' | 'error' | 'skipped';

export interface ProgressView {
  name: string;
  subscriptionId: string;
  stages: { id: StageId; title: string; state: StageState; note?: string }[];
}

export interface SeverityCounts {
  critical: number;
  high: number;
  medium: number;
  low: number;
  informational: number;
}

export interface Notice {
  message: string;
  remedy: string;
}

export interface ResultView {
  name: string;
  description?: string;
  subscriptionName: string;
  subscriptionId: string;
  status: 'Active';
  assets: number;
  /** Top resource types by count. */
  topTypes: { type: string; count: number }[];
  locations: number;
  resourceGroups: number;
  /** Undefined until the posture rules have run. */
  severity?: SeverityCounts;
  /** "2027-06-15 (in 200 days)" or "unknown". */
  secretExpiry: string;
  warnings: Notice[];
}

export interface FailureView {
  name: string;
  stageId: StageId;
  stageTitle: string;
  code: VerifyErrorCode | 'name_taken' | 'internal';
  reason: string;
  remedy: string;
  /** For "Try again": the form pre-filled except the secret. */
  retryValues: FormValues;
}

export interface StatusRow {
  name: string;
  status: 'Active' | 'Error';
  statusReason?: string;
  subscriptionName: string;
  subscriptionId: string;
  assets: number | undefined;
  /** "3 hours ago", "never". */
  lastSync: string;
  /** "2027-06-15 (in 200 days)", "expired 2 days ago" or "unknown". */
  secretExpiry: string;
  severity?: SeverityCounts;
}

export interface StatusView {
  rows: StatusRow[];
}

export interface HelpView {
  /** The text that was not understood, if any. */
  unknown?: string;
  didYouMean?: string;
  commands: { usage: string; description: string }[];
}

/** A plain message (errors of a turn, refusals). */
export interface MessageView {
  title: string;
  text: string;
}
