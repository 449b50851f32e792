/**
 * The data each card template in cards/*.json binds to, and the mapping from the core's view
 * models to it. Every display string is computed here, so the templates only place values.
 * Every field is always set (an empty string for "nothing"): adaptivecards-templating prints
 * an unset or null field as its own binding text ("${name}").
 */

import { STAGE_ICONS } from '../../core/progress';
import type { ConnectField } from '../../core/verification';
import {
  type ConnectFormView,
  type FailureView,
  type FormValues,
  type HelpView,
  type MessageView,
  type ProgressView,
  type ResultView,
  type SeverityCounts,
  SHOWN_FIELDS,
  type StageState,
  type StatusRow,
  type StatusView,
} from '../../core/views';

/** Adaptive Card text colours used by the templates. */
export type CardColor = 'default' | 'good' | 'warning' | 'attention' | 'accent';

export interface Fact {
  title: string;
  value: string;
}

/** The form fields whose value may be shown again: every field but the secret. */
export type ShownField = (typeof SHOWN_FIELDS)[number];
const ALL_FIELDS: readonly ConnectField[] = [...SHOWN_FIELDS, 'clientSecret'];

export interface ConnectFormCardData {
  notice: string;
  noticeColor: CardColor;
  /** Pre-filled input values; there is deliberately no slot for the secret. */
  values: Record<ShownField, string>;
  /** The error text shown under each input ('' = none). */
  errors: Record<ConnectField, string>;
}

export interface ProgressCardData {
  name: string;
  subscriptionId: string;
  stages: { icon: string; title: string; weight: 'default' | 'bolder'; note: string; noteColor: CardColor }[];
}

export interface SeverityCell {
  label: string;
  count: string;
  color: CardColor;
  isSubtle: boolean;
}

export interface ResultCardData {
  name: string;
  description: string;
  /** Shown in a TextRun: Azure names are not trusted to be free of markdown. */
  subscription: string;
  facts: Fact[];
  hasSeverity: boolean;
  findingsHeading: string;
  severity: SeverityCell[];
  hasTopTypes: boolean;
  topTypes: Fact[];
  warnings: { message: string; remedy: string }[];
}

/** What "Try again" sends back: the form values, never the secret. */
export type RetryValues = Partial<Record<ShownField, string>>;

export interface FailureCardData {
  name: string;
  stageTitle: string;
  reason: string;
  remedy: string;
  code: string;
  retryValues: RetryValues;
}

export interface StatusCardRow {
  name: string;
  status: string;
  statusColor: CardColor;
  /** Shown in a TextRun: Azure names are not trusted to be free of markdown. */
  subscription: string;
  /** '' unless the connection is in Error. */
  statusReason: string;
  facts: Fact[];
}

export interface StatusCardData {
  isEmpty: boolean;
  summary: string;
  rows: StatusCardRow[];
}

export interface HelpCardData {
  unknown: string;
  didYouMean: string;
  commands: { usage: string; description: string }[];
}

export interface MessageCardData {
  title: string;
  text: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function formatCount(n: number): string {
  return new Intl.NumberFormat('en-US').format(n);
}

/** A connection's name for a title; the name may be what the form got wrong. */
function displayName(name: string): string {
  return name.trim() || 'the subscription';
}

function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/**
 * Copies the shown fields one by one, so nothing else (a stray `clientSecret` from a raw
 * submit payload) can slip through, whatever the caller passes at run time.
 */
function pickShown(values: FormValues): Record<ShownField, string> {
  const out = {} as Record<ShownField, string>;
  for (const f of SHOWN_FIELDS) out[f] = str(values[f]);
  // Input.Date only takes YYYY-MM-DD.
  if (!ISO_DATE.test(out.secretExpiresOn)) out.secretExpiresOn = '';
  return out;
}

export function connectFormData(view: ConnectFormView): ConnectFormCardData {
  const errors = {} as Record<ConnectField, string>;
  for (const f of ALL_FIELDS) {
    errors[f] = view.errors
      .filter((e) => e.field === f)
      .map((e) => e.message)
      .join(' ');
  }
  return {
    notice: str(view.notice),
    noticeColor: view.errors.length > 0 ? 'attention' : 'default',
    values: pickShown(view.values ?? {}),
    errors,
  };
}

const STAGE_NOTE_COLORS: Record<StageState, CardColor> = {
  pending: 'default',
  running: 'default',
  ok: 'default',
  warning: 'warning',
  error: 'attention',
  skipped: 'default',
};

export function progressData(view: ProgressView): ProgressCardData {
  return {
    name: displayName(view.name),
    subscriptionId: view.subscriptionId,
    stages: view.stages.map((s) => ({
      icon: STAGE_ICONS[s.state],
      title: s.title,
      weight: s.state === 'running' ? 'bolder' : 'default',
      note: str(s.note),
      noteColor: STAGE_NOTE_COLORS[s.state],
    })),
  };
}

const SEVERITIES: { key: keyof SeverityCounts; label: string; color: CardColor }[] = [
  { key: 'critical', label: 'Critical', color: 'attention' },
  { key: 'high', label: 'High', color: 'attention' },
  { key: 'medium', label: 'Medium', color: 'warning' },
  { key: 'low', label: 'Low', color: 'accent' },
  { key: 'informational', label: 'Info', color: 'default' },
];

function severityCells(counts: SeverityCounts): SeverityCell[] {
  return SEVERITIES.map(({ key, label, color }) => ({
    label,
    count: formatCount(counts[key]),
    color: counts[key] > 0 ? color : 'default',
    isSubtle: counts[key] === 0,
  }));
}

function severityTotal(counts: SeverityCounts): number {
  return SEVERITIES.reduce((sum, { key }) => sum + counts[key], 0);
}

/** "2 critical · 5 high · 0 medium · 1 low · 3 informational". */
function severityLine(counts: SeverityCounts): string {
  return SEVERITIES.map(({ key }) => `${formatCount(counts[key])} ${key}`).join(' · ');
}

export function resultData(view: ResultView): ResultCardData {
  const subscription = view.subscriptionName
    ? `${view.subscriptionName} (${view.subscriptionId})`
    : view.subscriptionId;
  return {
    name: view.name,
    description: str(view.description),
    subscription,
    facts: [
      { title: 'Status', value: view.status },
      { title: 'Assets', value: formatCount(view.assets) },
      { title: 'Resource groups', value: formatCount(view.resourceGroups) },
      { title: 'Locations', value: formatCount(view.locations) },
      { title: 'Secret expires', value: view.secretExpiry || 'unknown' },
    ],
    hasSeverity: view.severity !== undefined,
    findingsHeading: view.severity ? `Findings: ${formatCount(severityTotal(view.severity))}` : '',
    severity: view.severity ? severityCells(view.severity) : [],
    hasTopTypes: view.topTypes.length > 0,
    topTypes: view.topTypes.map((t) => ({ title: t.type, value: formatCount(t.count) })),
    warnings: view.warnings.map((w) => ({ message: w.message, remedy: w.remedy })),
  };
}

export function failureData(view: FailureView): FailureCardData {
  const retryValues: RetryValues = {};
  for (const [field, value] of Object.entries(pickShown(view.retryValues ?? {})) as [ShownField, string][]) {
    if (value !== '') retryValues[field] = value;
  }
  return {
    name: displayName(view.name),
    stageTitle: view.stageTitle,
    reason: view.reason,
    remedy: view.remedy,
    code: view.code,
    retryValues,
  };
}

function statusRow(row: StatusRow): StatusCardRow {
  const subscription = row.subscriptionName
    ? `${row.subscriptionName} (${row.subscriptionId})`
    : row.subscriptionId;
  const facts: Fact[] = [
    { title: 'Assets', value: row.assets === undefined ? 'unknown' : formatCount(row.assets) },
    { title: 'Last sync', value: row.lastSync || 'never' },
    { title: 'Secret expires', value: row.secretExpiry || 'unknown' },
  ];
  if (row.severity) facts.push({ title: 'Findings', value: severityLine(row.severity) });
  return {
    name: row.name,
    status: row.status,
    statusColor: row.status === 'Active' ? 'good' : 'attention',
    statusReason: row.status === 'Error' ? str(row.statusReason) || 'The last sync failed.' : '',
    subscription,
    facts,
  };
}

/** Rows a status card shows: a Teams message stops at ~28 KB. */
export const STATUS_MAX_ROWS = 15;

export function statusData(view: StatusView): StatusCardData {
  const errors = view.rows.filter((r) => r.status === 'Error').length;
  const hidden = view.rows.length - STATUS_MAX_ROWS;
  const summary =
    plural(view.rows.length, 'connection', 'connections') +
    (errors > 0 ? ` · ${formatCount(errors)} in Error` : '') +
    (hidden > 0
      ? ` · the first ${STATUS_MAX_ROWS} shown: type /osto status followed by a name for another`
      : '');
  return {
    isEmpty: view.rows.length === 0,
    summary,
    rows: view.rows.slice(0, STATUS_MAX_ROWS).map(statusRow),
  };
}

export function helpData(view: HelpView): HelpCardData {
  return {
    unknown: str(view.unknown),
    didYouMean: str(view.didYouMean),
    commands: view.commands.map((c) => ({ usage: c.usage, description: c.description })),
  };
}

export function messageData(view: MessageView): MessageCardData {
  return { title: view.title, text: view.text };
}
