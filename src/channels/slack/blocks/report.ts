/** A report (core ReportView): assets, findings, a sync's summary, a notification. */
import type { KnownBlock } from '@slack/types';
import type { ReportView } from '../../../core/views';
import { actionsBlock } from './actions';
import {
  context,
  escapeEntities,
  escapeText,
  fieldsSection,
  message,
  type SlackMessage,
  section,
} from './text';
import { TONE_EMOJI } from './tone';

/** Slack allows 50 blocks: the items that fit, then a line saying how many more. */
const MAX_ITEMS = 25;

export function reportMessage(view: ReportView): SlackMessage {
  const blocks: KnownBlock[] = [section(`${TONE_EMOJI[view.tone]} *${escapeText(view.title)}*`)];
  if (view.subtitle) blocks.push(context(escapeText(view.subtitle)));
  if (view.facts.length > 0)
    blocks.push(fieldsSection(view.facts.map((f) => ({ title: f.label, value: f.value }))));
  if (view.findings)
    blocks.push(
      section(
        `*${escapeText(view.findings.heading)}*\n${view.findings.cells
          .map((c) => `${c.empty ? '' : `${TONE_EMOJI[c.tone]} `}${c.count} ${c.label}`)
          .join(' · ')}`,
      ),
    );
  let items = 0;
  for (const s of view.sections) {
    blocks.push({ type: 'divider' });
    const lines = s.lines.map(escapeText).join('\n');
    blocks.push(section(`*${escapeText(s.heading)}*${lines ? `\n${lines}` : ''}`));
    for (const item of s.items) {
      if (items++ >= MAX_ITEMS) continue;
      // A command in inline code is copied as it is (no backtick can end it early).
      const code = item.code ? `\n\`${escapeEntities(item.code.replace(/`/g, "'"))}\`` : '';
      blocks.push(
        section(
          `${TONE_EMOJI[item.tone]} *${escapeText(item.badge)}* · *${escapeText(item.title)}*\n${item.lines.map(escapeText).join('\n')}${code}`,
        ),
      );
    }
  }
  if (items > MAX_ITEMS) blocks.push(context(`…and ${items - MAX_ITEMS} more.`));
  for (const n of view.notes) blocks.push(context(`⚠️ ${escapeText(n)}`));
  blocks.push(...actionsBlock(view.actions));
  return message(view.title, blocks);
}
