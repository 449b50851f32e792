import { SEVERITIES, type Severity } from '../posture/rule';
import { formatCount } from './numbers';
import type { Tone } from './tone';

export type SeverityCounts = Record<Severity, number>;

/** The words for each severity, the same in every channel. */
export const SEVERITY_LABELS: Record<Severity, string> = {
  critical: 'critical',
  high: 'high',
  medium: 'medium',
  low: 'low',
  informational: 'informational',
};

/** Capitalised, for a heading or a column: "Critical". */
export function severityTitle(s: Severity): string {
  const label = SEVERITY_LABELS[s];
  return label.charAt(0).toUpperCase() + label.slice(1);
}

export function severityTone(s: Severity): Tone {
  return s === 'critical' || s === 'high' ? 'bad' : s === 'medium' ? 'warning' : 'neutral';
}

export function emptyCounts(): SeverityCounts {
  return { critical: 0, high: 0, medium: 0, low: 0, informational: 0 };
}

export function totalFindings(c: SeverityCounts): number {
  return SEVERITIES.reduce((n, s) => n + c[s], 0);
}

/** "2 critical · 5 high · 0 medium · 1 low · 3 informational". */
export function severityLine(c: SeverityCounts): string {
  return SEVERITIES.map((s) => `${formatCount(c[s])} ${SEVERITY_LABELS[s]}`).join(' · ');
}

/** One cell of a severity breakdown as every channel shows it. */
export interface SeverityCell {
  severity: Severity;
  label: string;
  count: string;
  /** `neutral` when there are none. */
  tone: Tone;
  empty: boolean;
}

/** A severity in a narrow place (a cell of the breakdown, an item's badge): "Info" for informational. */
export function severityLabel(s: Severity): string {
  return s === 'informational' ? 'Info' : severityTitle(s);
}

export function severityCells(c: SeverityCounts): SeverityCell[] {
  return SEVERITIES.map((s) => ({
    severity: s,
    // "Informational" does not fit a fifth of a card's width.
    label: severityLabel(s),
    count: formatCount(c[s]),
    tone: c[s] > 0 ? severityTone(s) : 'neutral',
    empty: c[s] === 0,
  }));
}

/**
 * A breakdown in one short line, for a status row: "5 critical · 60 high · 13 medium · 3 low"
 * (informational only when there are some), "none" when every rule passes.
 */
export function severitySummary(c: SeverityCounts | undefined): string {
  if (!c) return 'not read yet';
  if (totalFindings(c) === 0) return 'none';
  return SEVERITIES.filter((s) => s !== 'informational' || c[s] > 0)
    .map((s) => `${formatCount(c[s])} ${SEVERITY_LABELS[s]}`)
    .join(' · ');
}
