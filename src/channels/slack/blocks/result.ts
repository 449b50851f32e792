/** A connection that verified and synced (core ResultView): facts, severity, top types, warnings. */
import type { KnownBlock } from '@slack/types';
import type { ResultView } from '../../../core/views';
import { actionsBlock } from './actions';
import { context, escapeText, fieldsSection, message, type SlackMessage, section } from './text';
import { TONE_EMOJI } from './tone';

export function resultMessage(view: ResultView): SlackMessage {
  const blocks: KnownBlock[] = [section(`✅ *${escapeText(view.title)}*`)];
  if (view.description) blocks.push(section(escapeText(view.description)));
  blocks.push(
    fieldsSection([
      { title: 'Subscription', value: view.subscription },
      ...view.facts.map((f) => ({ title: f.label, value: f.value })),
    ]),
  );
  if (view.findings)
    blocks.push(
      section(
        `*${escapeText(view.findings.heading)}*\n${view.findings.cells
          .map((c) => `${c.empty ? '' : `${TONE_EMOJI[c.tone]} `}${c.count} ${c.label}`)
          .join(' · ')}`,
      ),
    );
  if (view.topTypes.length > 0)
    blocks.push(
      section(
        `*Top resource types*\n${view.topTypes.map((t) => `${escapeText(t.label)}: ${escapeText(t.value)}`).join('\n')}`,
      ),
    );
  for (const w of view.warnings)
    blocks.push(section(`⚠️ ${escapeText(w.message)}\n*What to do:* ${escapeText(w.remedy)}`));
  blocks.push(...actionsBlock(view.actions));
  blocks.push(context('The client secret is encrypted at rest and is never shown again.'));
  const assets = view.facts.find((f) => f.label === 'Assets')?.value;
  return message(`${view.title}${assets ? `: ${assets} assets` : ''}`, blocks);
}
