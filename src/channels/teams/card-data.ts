/**
 * The data each card template in cards/*.json binds to, mapped from the core's view models. The
 * core made every display string; here only tones become colours and actions become card data.
 * Every field is always set (an empty string for "nothing"): adaptivecards-templating prints an
 * unset or null field as its own binding text ("${name}").
 */
import type { SeverityCell } from '../../core/present/severity';
import type { ConnectField } from '../../core/verification';
import {
  type ActionView,
  type ConnectFormView,
  type Fact,
  type FailureView,
  type FormValues,
  type HelpView,
  type MessageView,
  type ProgressView,
  type ReportView,
  type ResultView,
  type RotateFormView,
  SHOWN_FIELDS,
  type StatusRow,
  type StatusView,
  type Tone,
} from '../../core/views';

/** Adaptive Card text colours used by the templates. */
export type CardColor = 'default' | 'good' | 'warning' | 'attention' | 'accent';

const TONE_COLORS: Record<Tone, CardColor> = {
  good: 'good',
  warning: 'warning',
  bad: 'attention',
  neutral: 'default',
};

export function colorOf(tone: Tone): CardColor {
  return TONE_COLORS[tone];
}

export interface CardFact {
  title: string;
  value: string;
}

/** What a card button sends back: run a verb (the same as typing it). */
export interface CardActionData {
  action: 'run';
  verb: string;
  args: Record<string, string>;
  /** Replace the card the button is on (otherwise the answer comes as a new message). */
  inPlace: boolean;
}

export interface CardAction {
  title: string;
  /** Adaptive Cards' action styles: Teams paints positive and destructive buttons. */
  style: 'default' | 'positive' | 'destructive';
  data: CardActionData;
}

const ACTION_STYLES = { primary: 'positive', danger: 'destructive' } as const;

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

export interface RotateFormCardData {
  title: string;
  name: string;
  subscription: string;
  clientId: string;
  currentExpiry: string;
  notice: string;
  /** Only the date is ever filled in again; there is no slot for the secret. */
  values: { secretExpiresOn: string };
  errors: { clientSecret: string; secretExpiresOn: string };
}

export interface ProgressCardData {
  title: string;
  subtitle: string;
  stages: { icon: string; title: string; weight: 'default' | 'bolder'; note: string; noteColor: CardColor }[];
}

export interface SeverityCardCell {
  label: string;
  count: string;
  color: CardColor;
  isSubtle: boolean;
}

export interface ResultCardData {
  title: string;
  description: string;
  /** Shown in a TextRun: Azure names are not trusted to be free of markdown. */
  subscription: string;
  facts: CardFact[];
  hasSeverity: boolean;
  findingsHeading: string;
  severity: SeverityCardCell[];
  hasTopTypes: boolean;
  topTypes: CardFact[];
  warnings: { message: string; remedy: string }[];
  actions: CardAction[];
}

export interface FailureCardData {
  title: string;
  stageTitle: string;
  reason: string;
  remedy: string;
  code: string;
  actions: CardAction[];
}

export interface StatusCardRow {
  name: string;
  status: string;
  statusColor: CardColor;
  /** Shown in a TextRun: Azure names are not trusted to be free of markdown. */
  subscription: string;
  /** '' unless the connection is in Error. */
  statusReason: string;
  facts: CardFact[];
}

export interface StatusCardData {
  isEmpty: boolean;
  summary: string;
  rows: StatusCardRow[];
  emptyText: string;
  actions: CardAction[];
}

export interface HelpCardData {
  unknown: string;
  didYouMean: string;
  intro: string;
  commands: { usage: string; description: string }[];
}

export interface MessageCardData {
  title: string;
  titleColor: CardColor;
  text: string;
  actions: CardAction[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

const facts = (list: Fact[]): CardFact[] => list.map((f) => ({ title: f.label, value: f.value }));

export function cardAction(a: ActionView): CardAction {
  return {
    title: a.label,
    style: a.style ? ACTION_STYLES[a.style] : 'default',
    data: { action: 'run', verb: a.run.verb, args: { ...a.run.args }, inPlace: a.inPlace === true },
  };
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

export function rotateFormData(view: RotateFormView): RotateFormCardData {
  const errorOf = (f: 'clientSecret' | 'secretExpiresOn') =>
    view.errors
      .filter((e) => e.field === f)
      .map((e) => e.message)
      .join(' ');
  const date = str(view.values.secretExpiresOn);
  return {
    title: `Update the client secret of ${view.name}`,
    name: view.name,
    subscription: view.subscription,
    clientId: view.clientId,
    currentExpiry: view.currentExpiry,
    notice: str(view.notice),
    values: { secretExpiresOn: ISO_DATE.test(date) ? date : '' },
    errors: { clientSecret: errorOf('clientSecret'), secretExpiresOn: errorOf('secretExpiresOn') },
  };
}

export function progressData(view: ProgressView): ProgressCardData {
  return {
    title: view.title,
    subtitle: view.subtitle,
    stages: view.stages.map((s) => ({
      icon: s.icon,
      title: s.title,
      weight: s.state === 'running' ? 'bolder' : 'default',
      note: str(s.note),
      noteColor: colorOf(s.tone),
    })),
  };
}

function severityCell(c: SeverityCell): SeverityCardCell {
  return { label: c.label, count: c.count, color: colorOf(c.tone), isSubtle: c.empty };
}

export function resultData(view: ResultView): ResultCardData {
  return {
    title: view.title,
    description: str(view.description),
    subscription: view.subscription,
    facts: facts(view.facts),
    hasSeverity: view.findings !== undefined,
    findingsHeading: view.findings?.heading ?? '',
    severity: view.findings?.cells.map(severityCell) ?? [],
    hasTopTypes: view.topTypes.length > 0,
    topTypes: facts(view.topTypes),
    warnings: view.warnings.map((w) => ({ message: w.message, remedy: w.remedy })),
    actions: view.actions.map(cardAction),
  };
}

export function failureData(view: FailureView): FailureCardData {
  const retry: ActionView = {
    label: 'Try again',
    run: { verb: 'connect', args: { provider: 'azure', ...pickNonEmpty(pickShown(view.retryValues ?? {})) } },
    inPlace: true,
  };
  return {
    title: view.title,
    stageTitle: view.stageTitle,
    reason: view.reason,
    remedy: view.remedy,
    code: view.code,
    actions: [cardAction(retry)],
  };
}

function pickNonEmpty(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));
}

function statusRow(row: StatusRow): StatusCardRow {
  return {
    name: row.name,
    status: row.status,
    statusColor: colorOf(row.tone),
    statusReason: row.statusReason,
    subscription: row.subscription,
    facts: facts(row.facts),
  };
}

export function statusData(view: StatusView): StatusCardData {
  return {
    isEmpty: view.rows.length === 0,
    summary: view.summary,
    rows: view.rows.map(statusRow),
    emptyText: view.empty?.text ?? '',
    actions: view.empty ? [cardAction(view.empty.action)] : [],
  };
}

export function helpData(view: HelpView): HelpCardData {
  return {
    unknown: view.unknown,
    didYouMean: view.didYouMean,
    intro: view.intro,
    commands: view.commands.map((c) => ({ usage: c.usage, description: c.description })),
  };
}

export function messageData(view: MessageView): MessageCardData {
  return {
    title: view.title,
    titleColor: colorOf(view.tone ?? 'neutral'),
    text: view.text,
    actions: (view.actions ?? []).map(cardAction),
  };
}

export interface ReportCardData {
  title: string;
  titleColor: CardColor;
  subtitle: string;
  hasFacts: boolean;
  facts: CardFact[];
  hasSeverity: boolean;
  findingsHeading: string;
  severity: SeverityCardCell[];
  sections: {
    heading: string;
    lines: string[];
    items: { title: string; badge: string; badgeColor: CardColor; lines: string[]; code: string[] }[];
  }[];
  notes: string[];
  actions: CardAction[];
}

export function reportData(view: ReportView): ReportCardData {
  return {
    title: view.title,
    titleColor: colorOf(view.tone),
    subtitle: view.subtitle,
    hasFacts: view.facts.length > 0,
    facts: facts(view.facts),
    hasSeverity: view.findings !== undefined,
    findingsHeading: view.findings?.heading ?? '',
    severity: view.findings?.cells.map(severityCell) ?? [],
    sections: view.sections.map((s) => ({
      heading: s.heading,
      lines: s.lines,
      items: s.items.map((i) => ({
        title: i.title,
        badge: i.badge,
        badgeColor: colorOf(i.tone),
        lines: i.lines,
        // A list of none or one: the card repeats a monospace block over it.
        code: i.code ? [i.code] : [],
      })),
    })),
    notes: view.notes,
    actions: view.actions.map(cardAction),
  };
}
