/**
 * View models: what the user sees, with every display string already made (core/present), the
 * same words in every channel. Teams renders them as Adaptive Cards (cards/*.json), Slack as
 * Block Kit; a view carries tones, which each channel maps to its colours or emoji. A view never
 * holds a secret.
 */
import type { SeverityCell } from './present/severity';
import type { Tone } from './present/tone';
import type { FieldError, StageId, VerifyErrorCode } from './verification';

export type { Tone } from './present/tone';

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

export interface Fact {
  label: string;
  value: string;
}

/** A command a button runs: the same as typing it (verbs and their arguments, see core/commands). */
export interface Invocation {
  verb: string;
  args: Record<string, string>;
}

export interface ActionView {
  label: string;
  run: Invocation;
  style?: 'primary' | 'danger';
  /** The answer replaces the message the button sits on; otherwise it comes as a new message. */
  inPlace?: boolean;
}

export interface ConnectFormView {
  values: FormValues;
  errors: FieldError[];
  /** A short line above the form ("Fix the marked fields", "Enter the client secret again"). */
  notice?: string;
}

/** `rotate`'s form: only the new secret (and its optional expiry date) for a known connection. */
export interface RotateFormView {
  name: string;
  /** "Contoso Production (9531985d-…)" */
  subscription: string;
  clientId: string;
  /** When the current secret expires, in words. */
  currentExpiry: string;
  values: { secretExpiresOn?: string };
  errors: { field: 'clientSecret' | 'secretExpiresOn'; message: string }[];
  notice?: string;
}

export type StageState = 'pending' | 'running' | 'ok' | 'warning' | 'error' | 'skipped';

export interface ProgressView {
  /** "Connecting Production…" */
  title: string;
  /** "Subscription 9531985d-…" */
  subtitle: string;
  stages: { id: StageId; title: string; state: StageState; icon: string; tone: Tone; note?: string }[];
}

export interface Notice {
  message: string;
  remedy: string;
}

export interface ResultView {
  /** "Production is Active" */
  title: string;
  name: string;
  description?: string;
  subscription: string;
  facts: Fact[];
  /** Present once the posture rules have run. */
  findings?: { heading: string; cells: SeverityCell[] };
  /** Top resource types, in friendly words. */
  topTypes: Fact[];
  warnings: Notice[];
  actions: ActionView[];
}

export interface FailureView {
  name: string;
  /** "Could not connect Production" */
  title: string;
  stageId: StageId;
  stageTitle: string;
  code: VerifyErrorCode | 'name_taken' | 'internal' | 'interrupted';
  reason: string;
  remedy: string;
  /** For "Try again": the form pre-filled except the secret. */
  retryValues: FormValues;
}

export interface StatusRow {
  name: string;
  status: 'Active' | 'Error';
  tone: Tone;
  /** Why it is in Error ('' when Active). */
  statusReason: string;
  subscription: string;
  facts: Fact[];
}

export interface StatusView {
  /** "3 connections · 1 in Error" ('' when none). */
  summary: string;
  rows: StatusRow[];
  /** When there are none: how to connect one. */
  empty?: { text: string; action: ActionView };
}

export interface HelpView {
  /** What was not understood, cut short ('' when none). */
  unknown: string;
  /** "status", the command meant. */
  didYouMean: string;
  intro: string;
  commands: { usage: string; description: string }[];
}

/** A titled message: answers, refusals, "not found". */
export interface MessageView {
  title: string;
  text: string;
  /** `neutral` when absent. */
  tone?: Tone;
  actions?: ActionView[];
}

/** One entry of a report list (a finding): a title, a badge (its severity), a few lines. */
export interface ReportItem {
  title: string;
  badge: string;
  tone: Tone;
  lines: string[];
  /** A command to copy (the fix as `az …`): shown in a monospace font, as text. */
  code?: string;
}

export interface ReportSection {
  heading: string;
  /** Plain lines (names, counts): shown as text, never as markdown. */
  lines: string[];
  items: ReportItem[];
}

/** A report: assets, findings, a sync's summary, a notification. */
export interface ReportView {
  title: string;
  tone: Tone;
  /** Shown as text, never as markdown (it may hold Azure-supplied names). */
  subtitle: string;
  /** Facts the bot computed (counts, dates): label and value. */
  facts: Fact[];
  findings?: { heading: string; cells: SeverityCell[] };
  sections: ReportSection[];
  /** Things to know (a partial sync, what is missing). */
  notes: string[];
  actions: ActionView[];
}
