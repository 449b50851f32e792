import type { Connection } from '../connection';
import { stageWarning } from '../error-catalogue';
import { DEFAULT_EXPIRY_THRESHOLDS, warningDays } from '../expiry/thresholds';
import { calendarDaysUntil, expiryText, isoDate } from '../present/dates';
import { formatCount } from '../present/numbers';
import { resourceTypeName } from '../present/resource-types';
import { subscriptionLabel } from '../present/subscription';
import { findingsBreakdown } from '../sync/views';
import type { StageWarning } from '../verification';
import type { ResultView } from '../views';

/** The core's reading of the expiry fact: a warning when the secret ends within the first alert threshold. */
export function expiryWarning(
  secretExpiresOn: string | undefined,
  now: Date,
  thresholds: readonly number[] = DEFAULT_EXPIRY_THRESHOLDS,
): StageWarning | undefined {
  if (!secretExpiresOn) return undefined;
  const days = calendarDaysUntil(secretExpiresOn, now);
  if (days > warningDays(thresholds)) return undefined;
  return stageWarning('expiry', 'secret_expiring_soon', { expiresOn: isoDate(secretExpiresOn), days });
}

/** The answer to a connect that verified and synced (SPEC 1.1). */
export function resultView(
  c: Connection,
  warnings: Pick<StageWarning, 'message' | 'remedy'>[],
  now: Date,
  partial: string[] = [],
): ResultView {
  const inv = c.inventory;
  const notes = partial.length
    ? [
        {
          message: `The first sync is partial: ${partial.join('; ')}.`,
          remedy: 'The next sync tries again; findings of what could not be read are not counted meanwhile.',
        },
      ]
    : [];
  return {
    title: `${c.name} is Active`,
    name: c.name,
    ...(c.description ? { description: c.description } : {}),
    subscription: subscriptionLabel(c.subscriptionName, c.subscriptionId),
    facts: [
      { label: 'Status', value: 'Active' },
      { label: 'Assets', value: formatCount(inv?.total ?? 0) },
      { label: 'Resource groups', value: formatCount(Object.keys(inv?.byResourceGroup ?? {}).length) },
      { label: 'Locations', value: formatCount(Object.keys(inv?.byLocation ?? {}).length) },
      { label: 'Secret expires', value: expiryText(c.secretExpiresOn, now) },
    ],
    ...(c.findings ? { findings: findingsBreakdown(c.findings) } : {}),
    topTypes: Object.entries(inv?.byType ?? {})
      .slice(0, 5)
      .map(([type, count]) => ({ label: resourceTypeName(type), value: formatCount(count) })),
    warnings: [...warnings.map((w) => ({ message: w.message, remedy: w.remedy })), ...notes],
    actions: [
      { label: 'View findings', run: { verb: 'findings', args: { name: c.name } } },
      { label: 'View status', run: { verb: 'status', args: {} } },
    ],
  };
}
