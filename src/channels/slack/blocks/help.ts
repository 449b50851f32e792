/** `help` and unknown input (core HelpView), with a "did you mean". */
import type { KnownBlock } from '@slack/types';
import type { HelpView } from '../../../core/views';
import { context, escapeText, message, type SlackMessage, section } from './text';

/** The plain help (no unknown input), built once per slash command name. */
const plainHelp = new Map<string, SlackMessage>();

export function helpMessage(view: HelpView, slash = '/osto'): SlackMessage {
  if (!view.unknown && !view.didYouMean) {
    const hit = plainHelp.get(slash);
    if (hit) return hit;
    const built = buildHelp(view, slash);
    if (plainHelp.size < 8) plainHelp.set(slash, built);
    return built;
  }
  return buildHelp(view, slash);
}

function buildHelp(view: HelpView, slash: string): SlackMessage {
  const command = escapeText(slash);
  const blocks: KnownBlock[] = [];
  if (view.unknown) blocks.push(section(`I didn't understand “${escapeText(view.unknown)}”.`));
  if (view.didYouMean) blocks.push(section(`Did you mean \`${command} ${escapeText(view.didYouMean)}\`?`));
  blocks.push(section('*Osto commands*'));
  blocks.push(
    section(
      view.commands
        .map((c) => `\`${command} ${escapeText(c.usage)}\`\n${escapeText(c.description)}`)
        .join('\n\n'),
    ),
  );
  blocks.push(context(`Type \`${command} <command>\`.`));
  const text = view.didYouMean
    ? `I didn't understand that. Did you mean ${slash} ${view.didYouMean}?`
    : `Osto commands: ${view.commands.map((c) => `${slash} ${c.usage}`).join(', ')}`;
  return message(text, blocks);
}
