/** A verification in progress (core ProgressView): one line per stage, updated in place. */
import type { KnownBlock } from '@slack/types';
import type { ProgressView } from '../../../core/views';
import { context, escapeText, message, type SlackMessage, section } from './text';

export function progressMessage(view: ProgressView): SlackMessage {
  const blocks: KnownBlock[] = [section(`*${escapeText(view.title)}*`), context(escapeText(view.subtitle))];
  for (const s of view.stages) {
    const title = s.state === 'running' ? `*${escapeText(s.title)}*` : escapeText(s.title);
    blocks.push(section(`${s.icon}  ${title}${s.note ? `\n${escapeText(s.note)}` : ''}`));
  }
  blocks.push(context('This message updates as each step finishes.'));
  const running = view.stages.find((s) => s.state === 'running');
  return message(`${view.title}${running ? ` ${running.title}` : ''}`, blocks);
}
