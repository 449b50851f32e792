/** The words of syncs, assets and findings: the same in every channel. */
import type { Connection } from '../connection';
import type { Finding } from '../finding';
import type { InventorySummary } from '../inventory';
import type { Rule, Severity } from '../posture/rule';
import { relativeTime } from '../present/dates';
import { echo } from '../present/echo';
import { fixCommand } from '../present/fix-command';
import { locationName } from '../present/locations';
import { formatCount, plural } from '../present/numbers';
import { resourceTypeName } from '../present/resource-types';
import {
  emptyCounts,
  type SeverityCounts,
  severityCells,
  severityLabel,
  severityTitle,
  severityTone,
  totalFindings,
} from '../present/severity';
import { subscriptionLabel } from '../present/subscription';
import type { Tone } from '../present/tone';
import type { ActionView, ReportItem, ReportView } from '../views';
import type { SyncSummary } from './record';

/** Findings a notification or a summary lists by name (then "and N more"). */
export const LISTED_FINDINGS = 5;
/** Findings a page of `findings` shows. */
export const FINDINGS_PAGE = 10;

export function findingsBreakdown(counts: SeverityCounts | undefined): ReportView['findings'] {
  const c = counts ?? emptyCounts();
  return { heading: `Findings: ${formatCount(totalFindings(c))}`, cells: severityCells(c) };
}

/** "137", "139 (+2)", "130 (−7)". */
export function assetCount(now: InventorySummary, before?: InventorySummary): string {
  const d = before ? now.total - before.total : 0;
  return d === 0
    ? formatCount(now.total)
    : `${formatCount(now.total)} (${d > 0 ? '+' : '−'}${formatCount(Math.abs(d))})`;
}

export function findingItem(f: Finding, rule: Rule | undefined): ReportItem {
  const subscriptionWide = f.resourceType.toLowerCase() === 'microsoft.resources/subscriptions';
  const where = [
    f.resourceName,
    f.resourceGroup
      ? `resource group ${f.resourceGroup}`
      : subscriptionWide
        ? 'subscription-wide'
        : resourceTypeName(f.resourceType),
  ]
    .filter(Boolean)
    .join(' · ');
  const steps = rule?.remediation.portal ?? [];
  const fix = steps.length > 0 ? steps.map((x) => x.replace(/\.$/, '')).join(' → ') : undefined;
  // The finding reads as what is wrong; the rule's title (the passing state) says which check.
  return {
    title: f.reason,
    badge: severityLabel(f.severity),
    tone: severityTone(f.severity),
    lines: [where, ...(rule ? [`Check: ${rule.title}`] : []), ...(fix ? [`Fix: ${fix}`] : [])],
    ...(rule?.remediation.cli ? { code: fixCommand(rule.remediation.cli, f) } : {}),
  };
}

function notesOf(partial: string[]): string[] {
  return partial.length === 0
    ? []
    : [
        `This sync is partial: ${partial.join('; ')}. What could not be read is not counted, and no finding of it is marked resolved.`,
      ];
}

const actionsFor = (name: string): ActionView[] => [
  { label: 'View findings', run: { verb: 'findings', args: { name } } },
  { label: 'Assets', run: { verb: 'assets', args: { name } } },
];

/** A sync's answer (SPEC 1.2): counts, what changed, what could not be read. */
export function syncSummaryView(s: SyncSummary, rules: ReadonlyMap<string, Rule>, now: Date): ReportView {
  const c = s.connection;
  const worst = [...s.opened].sort(
    (a, b) =>
      severityRank(a.severity) - severityRank(b.severity) || a.resourceName.localeCompare(b.resourceName),
  );
  const bad = s.opened.some((f) => f.severity === 'critical' || f.severity === 'high');
  const tone: Tone = bad ? 'bad' : s.partial.length > 0 ? 'warning' : 'good';
  const more = worst.length - LISTED_FINDINGS;
  return {
    title: `${c.name} synced`,
    tone,
    subtitle: subscriptionLabel(c.subscriptionName, c.subscriptionId),
    facts: [
      { label: 'Assets', value: assetCount(s.inventory, s.previousInventory) },
      { label: 'New findings', value: formatCount(s.opened.length) },
      { label: 'Resolved', value: formatCount(s.resolved.length) },
      { label: 'Took', value: `${(s.durationMs / 1000).toFixed(1)} s` },
      { label: 'Synced', value: relativeTime(s.at, now) },
    ],
    findings: findingsBreakdown(s.open),
    sections:
      worst.length > 0
        ? [
            {
              heading: 'New findings',
              lines: more > 0 ? [`…and ${formatCount(more)} more: View findings lists them all.`] : [],
              items: worst.slice(0, LISTED_FINDINGS).map((f) => findingItem(f, rules.get(f.ruleId))),
            },
          ]
        : [],
    notes: notesOf(s.partial),
    actions: actionsFor(c.name),
  };
}

const severityRank = (s: Severity) => ['critical', 'high', 'medium', 'low', 'informational'].indexOf(s);

function top(record: Record<string, number>, n: number, name: (k: string) => string = (k) => k): string[] {
  const entries = Object.entries(record);
  const lines = entries.slice(0, n).map(([k, v]) => `${name(k)}: ${formatCount(v)}`);
  if (entries.length > n) lines.push(`…and ${plural(entries.length - n, 'more', 'more')}`);
  return lines;
}

/** `assets <name>`: totals, top types, locations, resource groups. */
export function assetsView(c: Connection, now: Date): ReportView {
  const inv = c.inventory;
  return {
    title: `Assets of ${c.name}`,
    tone: 'neutral',
    subtitle: subscriptionLabel(c.subscriptionName, c.subscriptionId),
    facts: [
      { label: 'Assets', value: inv ? formatCount(inv.total) : 'unknown' },
      { label: 'Resource types', value: formatCount(Object.keys(inv?.byType ?? {}).length) },
      { label: 'Locations', value: formatCount(Object.keys(inv?.byLocation ?? {}).length) },
      { label: 'Resource groups', value: formatCount(Object.keys(inv?.byResourceGroup ?? {}).length) },
      { label: 'Last sync', value: relativeTime(c.lastSyncAt, now) },
    ],
    sections: inv
      ? [
          { heading: 'Top resource types', lines: top(inv.byType, 10, resourceTypeName), items: [] },
          { heading: 'Locations', lines: top(inv.byLocation, 10, locationName), items: [] },
          { heading: 'Resource groups', lines: top(inv.byResourceGroup, 10, (g) => echo(g)), items: [] },
        ]
      : [],
    notes: notesOf(c.syncPartial ?? []),
    actions: [{ label: 'View findings', run: { verb: 'findings', args: { name: c.name } } }],
  };
}

/** `findings <name> [severity]`: open findings worst first, a page at a time, with how to fix each. */
export function findingsView(
  c: Connection,
  page: { items: Finding[]; total: number; offset: number },
  severity: Severity | undefined,
  rules: ReadonlyMap<string, Rule>,
): ReportView {
  const shownTo = page.offset + page.items.length;
  const which = severity ? `${severityTitle(severity).toLowerCase()} ` : '';
  const lines =
    page.total === 0
      ? [`No open ${which}findings: every rule passes${severity ? ' at this severity' : ''}.`]
      : [
          `${formatCount(page.offset + 1)}–${formatCount(shownTo)} of ${plural(page.total, `open ${which}finding`, `open ${which}findings`)}, worst first.`,
        ];
  const actions: ActionView[] = [];
  if (shownTo < page.total)
    actions.push({
      label: 'More',
      run: {
        verb: 'findings',
        args: { name: c.name, ...(severity ? { severity } : {}), offset: String(shownTo) },
      },
    });
  return {
    title: `Findings of ${c.name}${severity ? `: ${severityTitle(severity).toLowerCase()}` : ''}`,
    tone: page.total === 0 ? 'good' : severity ? severityTone(severity) : 'neutral',
    subtitle: subscriptionLabel(c.subscriptionName, c.subscriptionId),
    facts: [],
    // The breakdown heads the first page only; the next pages go on with the list.
    ...(page.offset === 0 ? { findings: findingsBreakdown(c.findings) } : {}),
    sections: [
      { heading: 'Open findings', lines, items: page.items.map((f) => findingItem(f, rules.get(f.ruleId))) },
    ],
    notes: notesOf(c.syncPartial ?? []),
    actions,
  };
}
