/**
 * Which expiry alert is due (SPEC 1.4): the smallest threshold the days left have reached, so
 * a connection that first sees its secret at 5 days left gets the 7-day alert only. Days are
 * calendar days in UTC, as `status` shows them.
 */
import { calendarDaysUntil } from '../present/dates';

export const DEFAULT_EXPIRY_THRESHOLDS: readonly number[] = [30, 14, 7, 3, 1, 0];
export const DEFAULT_EXPIRY_CHECK_MS = 3_600_000;
/** The ledger's name for the alert of an expired secret. */
export const EXPIRED = 'expired';

export type AlertDue = { kind: 'threshold'; threshold: string; days: number } | { kind: 'expired' };

export function alertDue(expiresOn: string, now: Date, thresholds: readonly number[]): AlertDue | undefined {
  if (Date.parse(expiresOn) <= now.getTime()) return { kind: 'expired' };
  const days = calendarDaysUntil(expiresOn, now);
  const reached = [...thresholds].sort((a, b) => a - b).find((t) => days <= t);
  return reached === undefined ? undefined : { kind: 'threshold', threshold: String(reached), days };
}

/** The first (largest) threshold: a connect warns about a secret within it. */
export function warningDays(thresholds: readonly number[]): number {
  return Math.max(0, ...thresholds);
}
