/** `status [name]` (core StatusView): one block per connection, or how to connect one. */
import type { KnownBlock } from '@slack/types';
import type { StatusRow, StatusView } from '../../../core/views';
import { actionsBlock } from './actions';
import { context, escapeText, fieldsSection, message, type SlackMessage, section } from './text';
import { TONE_EMOJI } from './tone';

function rowBlocks(row: StatusRow): KnownBlock[] {
  const reason = row.statusReason ? `\n${escapeText(row.statusReason)}` : '';
  return [
    { type: 'divider' },
    section(`*${escapeText(row.name)}*  ${TONE_EMOJI[row.tone]} ${row.status}${reason}`),
    fieldsSection([
      { title: 'Subscription', value: row.subscription },
      ...row.facts.map((f) => ({ title: f.label, value: f.value })),
    ]),
  ];
}

export function statusMessage(view: StatusView): SlackMessage {
  if (view.empty)
    return message(view.empty.text, [
      section('*Azure connections*'),
      section(escapeText(view.empty.text)),
      ...actionsBlock([view.empty.action]),
    ]);
  const blocks: KnownBlock[] = [section('*Azure connections*'), context(escapeText(view.summary))];
  for (const row of view.rows) blocks.push(...rowBlocks(row));
  return message(`Azure connections: ${view.rows.map((r) => `${r.name} (${r.status})`).join(', ')}`, blocks);
}
