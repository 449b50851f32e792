/** A connection that verified and synced (core ResultView): facts, severity, top types, warnings. */
import type { KnownBlock } from '@slack/types';
import type { ResultView, SeverityCounts } from '../../../core/views';
import { ACTION_IDS } from './ids';
import {
  button,
  context,
  escapeText,
  fieldsSection,
  formatCount,
  message,
  type SlackMessage,
  section,
} from './text';

const SEVERITIES: { key: keyof SeverityCounts; label: string }[] = [
  { key: 'critical', label: 'Critical' },
  { key: 'high', label: 'High' },
  { key: 'medium', label: 'Medium' },
  { key: 'low', label: 'Low' },
  { key: 'informational', label: 'Info' },
];

/** "2 Critical · 5 High · 0 Medium · 1 Low · 3 Info". */
export function severityLine(counts: SeverityCounts): string {
  return SEVERITIES.map(({ key, label }) => `${formatCount(counts[key])} ${label}`).join(' · ');
}

export function subscriptionText(name: string, id: string): string {
  return name ? `${name} (${id})` : id;
}

export function resultMessage(view: ResultView): SlackMessage {
  const blocks: KnownBlock[] = [section(`✅ *${escapeText(view.name)} is Active*`)];
  if (view.description) blocks.push(section(escapeText(view.description)));
  blocks.push(
    fieldsSection([
      { title: 'Subscription', value: subscriptionText(view.subscriptionName, view.subscriptionId) },
      { title: 'Status', value: view.status },
      { title: 'Assets', value: formatCount(view.assets) },
      { title: 'Resource groups', value: formatCount(view.resourceGroups) },
      { title: 'Locations', value: formatCount(view.locations) },
      { title: 'Secret expires', value: view.secretExpiry || 'unknown' },
    ]),
  );
  if (view.severity) {
    const total = SEVERITIES.reduce((sum, { key }) => sum + (view.severity?.[key] ?? 0), 0);
    blocks.push(section(`*Findings: ${formatCount(total)}*\n${severityLine(view.severity)}`));
  }
  if (view.topTypes.length > 0)
    blocks.push(
      section(
        `*Top resource types*\n${view.topTypes.map((t) => `${escapeText(t.type)}: ${formatCount(t.count)}`).join('\n')}`,
      ),
    );
  for (const w of view.warnings)
    blocks.push(section(`⚠️ ${escapeText(w.message)}\n*What to do:* ${escapeText(w.remedy)}`));
  blocks.push({ type: 'actions', elements: [button(ACTION_IDS.status, 'View status')] });
  blocks.push(context('The client secret is encrypted at rest and is never shown again.'));
  return message(`${view.name} is Active: ${formatCount(view.assets)} assets`, blocks);
}
