/** `status [name]` (core StatusView): one block per connection, or how to connect one. */
import type { KnownBlock } from '@slack/types';
import type { StatusRow, StatusView } from '../../../core/views';
import { ACTION_IDS } from './ids';
import { severityLine, subscriptionText } from './result';
import {
  button,
  context,
  escapeText,
  fieldsSection,
  formatCount,
  message,
  plural,
  type SlackMessage,
  section,
} from './text';

/** Slack allows 50 blocks in a message; each row takes 3. */
const MAX_ROWS = 15;

function rowBlocks(row: StatusRow): KnownBlock[] {
  const badge = row.status === 'Active' ? '🟢 Active' : '🔴 Error';
  const reason = row.status === 'Error' ? `\n${escapeText(row.statusReason || 'The last sync failed.')}` : '';
  const facts = [
    { title: 'Subscription', value: subscriptionText(row.subscriptionName, row.subscriptionId) },
    { title: 'Assets', value: row.assets === undefined ? 'unknown' : formatCount(row.assets) },
    { title: 'Last sync', value: row.lastSync || 'never' },
    { title: 'Secret expires', value: row.secretExpiry || 'unknown' },
  ];
  if (row.severity) facts.push({ title: 'Findings', value: severityLine(row.severity) });
  return [{ type: 'divider' }, section(`*${escapeText(row.name)}*  ${badge}${reason}`), fieldsSection(facts)];
}

export function statusMessage(view: StatusView, slash = '/osto'): SlackMessage {
  const command = escapeText(slash);
  if (view.rows.length === 0)
    return message('No Azure subscription is connected yet.', [
      section('*Azure connections*'),
      section(`No Azure subscription is connected yet.\nType \`${command} connect azure\` to connect one.`),
      { type: 'actions', elements: [button(ACTION_IDS.openConnect, 'Connect Azure', undefined, 'primary')] },
    ]);
  const errors = view.rows.filter((r) => r.status === 'Error').length;
  const summary =
    plural(view.rows.length, 'connection', 'connections') +
    (errors > 0 ? ` · ${formatCount(errors)} in Error` : '');
  const blocks: KnownBlock[] = [section('*Azure connections*'), context(summary)];
  for (const row of view.rows.slice(0, MAX_ROWS)) blocks.push(...rowBlocks(row));
  if (view.rows.length > MAX_ROWS)
    blocks.push(
      context(
        `…and ${formatCount(view.rows.length - MAX_ROWS)} more. Type \`${command} status <name>\` for one.`,
      ),
    );
  return message(`Azure connections: ${view.rows.map((r) => `${r.name} (${r.status})`).join(', ')}`, blocks);
}
