/** A verification in progress (core ProgressView): one line per stage, updated in place. */
import type { KnownBlock } from '@slack/types';
import { STAGE_ICONS } from '../../../core/progress';
import type { ProgressView } from '../../../core/views';
import { context, displayName, escapeText, message, type SlackMessage, section } from './text';

export function progressMessage(view: ProgressView): SlackMessage {
  const name = displayName(view.name);
  const blocks: KnownBlock[] = [
    section(`*Connecting ${escapeText(name)}…*`),
    context(`Subscription ${escapeText(view.subscriptionId)}`),
  ];
  for (const s of view.stages) {
    const title = s.state === 'running' ? `*${escapeText(s.title)}*` : escapeText(s.title);
    blocks.push(section(`${STAGE_ICONS[s.state]}  ${title}${s.note ? `\n${escapeText(s.note)}` : ''}`));
  }
  blocks.push(context('This message updates as each step finishes.'));
  const running = view.stages.find((s) => s.state === 'running');
  return message(`Connecting ${name}…${running ? ` ${running.title}` : ''}`, blocks);
}
