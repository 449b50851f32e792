import type { Connection } from '../connection';
import { DEFAULT_EXPIRY_THRESHOLDS, warningDays } from '../expiry/thresholds';
import { calendarDaysUntil, expiryText, relativeTime, utcMinute } from '../present/dates';
import { formatCount, plural } from '../present/numbers';
import { severitySummary } from '../present/severity';
import { subscriptionLabel } from '../present/subscription';
import type { StatusRow, StatusView } from '../views';
import { LEVEL_SHORT } from './notify';
import { targetOf } from './target';
import type { Verb } from './verb';

/** Rows a status answer shows (a Teams message stops at ~28 KB; Slack at 50 blocks). */
export const STATUS_MAX_ROWS = 15;

/** Days left, marked when within the first alert threshold; the risks of no date at all. */
export function secretExpiry(c: Connection, now: Date, thresholds: readonly number[]): string {
  if (c.expirySource === 'none')
    return 'never (a risk: a leaked secret stays valid; create one with an end date and /osto rotate)';
  if (!c.secretExpiresOn)
    return 'unknown (grant the app Application.Read.All, or give the date with /osto rotate)';
  const text = expiryText(c.secretExpiresOn, now);
  const soon = calendarDaysUntil(c.secretExpiresOn, now) <= warningDays(thresholds);
  const snoozed =
    c.expirySnoozedUntil && Date.parse(c.expirySnoozedUntil) > now.getTime()
      ? `; reminders snoozed until ${utcMinute(c.expirySnoozedUntil)}`
      : '';
  return `${soon ? '⚠️ ' : ''}${text}${snoozed}`;
}

export function statusRow(
  c: Connection,
  now: Date,
  thresholds: readonly number[] = DEFAULT_EXPIRY_THRESHOLDS,
): StatusRow {
  const active = c.status === 'active';
  return {
    name: c.name,
    status: active ? 'Active' : 'Error',
    tone: active ? 'good' : 'bad',
    statusReason: active
      ? ''
      : `${c.statusReason || 'The last sync failed.'}${c.statusSince ? ` In Error since ${relativeTime(c.statusSince, now)}.` : ''}`,
    subscription: subscriptionLabel(c.subscriptionName, c.subscriptionId),
    facts: [
      { label: 'Assets', value: c.inventory ? formatCount(c.inventory.total) : 'unknown' },
      {
        label: 'Findings',
        value: severitySummary(c.findings) + ((c.syncPartial?.length ?? 0) > 0 ? ' (last sync partial)' : ''),
      },
      {
        label: 'Last sync',
        value:
          relativeTime(c.lastSyncAt, now) +
          (c.syncError
            ? ` (the latest attempt failed: ${c.syncError} Osto tries again at the next sync.)`
            : ''),
      },
      { label: 'Secret expires', value: secretExpiry(c, now, thresholds) },
      {
        label: 'Notifications',
        value: c.notifyFailingSince
          ? `${LEVEL_SHORT[c.notify]}, failing since ${relativeTime(c.notifyFailingSince, now)}: ${c.notifyFailure ?? 'messages are not delivered'}`
          : LEVEL_SHORT[c.notify],
      },
    ],
  };
}

export function statusView(
  connections: Connection[],
  now: Date,
  thresholds: readonly number[] = DEFAULT_EXPIRY_THRESHOLDS,
): StatusView {
  if (connections.length === 0)
    return {
      summary: '',
      rows: [],
      empty: {
        text: 'No Azure subscription is connected yet. Type /osto connect azure to connect one.',
        action: { label: 'Connect Azure', run: { verb: 'connect', args: {} }, style: 'primary' },
      },
    };
  const errors = connections.filter((c) => c.status !== 'active').length;
  const hidden = connections.length - STATUS_MAX_ROWS;
  return {
    summary:
      plural(connections.length, 'connection', 'connections') +
      (errors > 0 ? ` · ${formatCount(errors)} in Error` : '') +
      (hidden > 0
        ? ` · the first ${STATUS_MAX_ROWS} shown: type /osto status followed by a name for another`
        : ''),
    rows: connections.slice(0, STATUS_MAX_ROWS).map((c) => statusRow(c, now, thresholds)),
  };
}

/** `status [name]`: the workspace's connections, and only its own (SPEC 1.5, 1.6). */
export const status: Verb = {
  name: 'status',
  usage: 'status [‹name›]',
  summary: "This workspace's connections: status, assets, last sync, secret expiry.",
  who: 'anyone',
  grammar: 'name?',
  listed: true,
  async run(deps, ctx, args) {
    const now = deps.clock.now();
    if (args.name) {
      const t = await targetOf(deps, ctx, 'status', args.name);
      if (!t.ok) return t.reply;
      return { kind: 'status', view: statusView([t.connection], now, deps.expiryThresholdsDays) };
    }
    const all = await deps.store.connections.list(ctx.workspace.id);
    return { kind: 'status', view: statusView(all, now, deps.expiryThresholdsDays) };
  },
};
