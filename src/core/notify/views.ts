/** The words of proactive messages: what changed, a connection broken, a connection back. */
import type { Connection } from '../connection';
import type { Rule } from '../posture/rule';
import { formatCount, plural } from '../present/numbers';
import { subscriptionLabel } from '../present/subscription';
import type { Reply } from '../reply';
import { findingItem, findingsBreakdown, LISTED_FINDINGS } from '../sync/views';
import type { ActionView, ReportView } from '../views';
import type { ChangeNotice } from './decide';

const viewFindings = (name: string): ActionView => ({
  label: 'View findings',
  run: { verb: 'findings', args: { name } },
});
const syncNow = (name: string): ActionView => ({ label: 'Sync now', run: { verb: 'sync', args: { name } } });
const status = (name: string): ActionView => ({ label: 'Status', run: { verb: 'status', args: { name } } });

function headline(n: ChangeNotice): string {
  const parts: string[] = [];
  if (n.news.length > 0) parts.push(plural(n.news.length, 'new finding', 'new findings'));
  if (n.resolved > 0) parts.push(`${formatCount(n.resolved)} resolved`);
  if (n.assetDelta !== 0)
    parts.push(`${n.assetDelta > 0 ? '+' : '−'}${plural(Math.abs(n.assetDelta), 'asset', 'assets')}`);
  return parts.length > 0 ? parts.join(', ') : 'no change';
}

export function changeReply(c: Connection, n: ChangeNotice, rules: ReadonlyMap<string, Rule>): Reply {
  const severe = n.news.some((f) => f.severity === 'critical' || f.severity === 'high');
  const more = n.news.length - LISTED_FINDINGS;
  const view: ReportView = {
    title: `${c.name}: ${headline(n)}`,
    tone: severe ? 'bad' : n.news.length > 0 ? 'warning' : 'good',
    subtitle: subscriptionLabel(c.subscriptionName, c.subscriptionId),
    facts: [
      { label: 'Assets', value: formatCount(c.inventory?.total ?? 0) },
      { label: 'New findings', value: formatCount(n.news.length) },
      { label: 'Resolved', value: formatCount(n.resolved) },
    ],
    findings: findingsBreakdown(c.findings),
    sections:
      n.news.length > 0
        ? [
            {
              heading: 'New findings',
              lines: more > 0 ? [`…and ${formatCount(more)} more: View findings lists them all.`] : [],
              items: n.news.slice(0, LISTED_FINDINGS).map((f) => findingItem(f, rules.get(f.ruleId))),
            },
          ]
        : [],
    notes: (c.syncPartial?.length ?? 0) > 0 ? [`This sync was partial: ${c.syncPartial?.join('; ')}.`] : [],
    actions: [viewFindings(c.name), syncNow(c.name)],
  };
  return { kind: 'report', view };
}

/** A connection that broke; `secret`: its client secret was refused (a new one fixes it). */
export function brokenReply(c: Connection, secret = false): Reply {
  return {
    kind: 'message',
    view: {
      title: `${c.name} is in Error`,
      text: `${subscriptionLabel(c.subscriptionName, c.subscriptionId)} could not be synced: ${c.statusReason ?? 'the sync failed.'} Osto keeps trying at each scheduled sync and says so once it works again.`,
      tone: 'bad',
      actions: [
        ...(secret
          ? [
              {
                label: 'Update secret',
                run: { verb: 'rotate', args: { name: c.name } },
                style: 'primary' as const,
              },
            ]
          : []),
        syncNow(c.name),
        status(c.name),
      ],
    },
  };
}

export function recoveredReply(c: Connection): Reply {
  return {
    kind: 'message',
    view: {
      title: `${c.name} is Active again`,
      text: `${subscriptionLabel(c.subscriptionName, c.subscriptionId)} synced: ${plural(c.inventory?.total ?? 0, 'asset', 'assets')}.`,
      tone: 'good',
      actions: [viewFindings(c.name), status(c.name)],
    },
  };
}
