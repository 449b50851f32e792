/** `help` and unknown input (core HelpView), with a "did you mean". */
import type { KnownBlock } from '@slack/types';
import type { HelpView } from '../../../core/views';
import { context, escapeEntities, escapeText, message, type SlackMessage, section } from './text';

/** The plain help (no unknown input), built once. */
let plainHelp: { view: HelpView; message: SlackMessage } | undefined;

export function helpMessage(view: HelpView): SlackMessage {
  if (!view.unknown && !view.didYouMean) {
    if (plainHelp?.view.commands.length === view.commands.length && plainHelp.view.intro === view.intro)
      return plainHelp.message;
    plainHelp = { view, message: buildHelp(view) };
    return plainHelp.message;
  }
  return buildHelp(view);
}

function buildHelp(view: HelpView): SlackMessage {
  const blocks: KnownBlock[] = [];
  if (view.unknown) blocks.push(section(`I didn't understand “${escapeText(view.unknown)}”.`));
  if (view.didYouMean) blocks.push(section(`Did you mean \`/osto ${escapeEntities(view.didYouMean)}\`?`));
  blocks.push(section('*Osto commands*'));
  blocks.push(
    section(
      view.commands
        .map((c) => `\`/osto ${escapeEntities(c.usage)}\`\n${escapeText(c.description)}`)
        .join('\n\n'),
    ),
  );
  blocks.push(context(escapeText(view.intro)));
  const text = view.didYouMean
    ? `I didn't understand that. Did you mean /osto ${view.didYouMean}?`
    : `Osto commands: ${view.commands.map((c) => `/osto ${c.usage}`).join(', ')}`;
  return message(text, blocks);
}
