import { echo } from '../present/echo';
import type { Reply } from '../reply';
import type { HelpView } from '../views';
import type { Verb } from './verb';

export const HELP_INTRO =
  'Type /osto and a command, for example /osto status. In Teams you can also @mention Osto with the command.';

/** The help of the commands that work today (the table decides), with what was not understood. */
export function helpView(verbs: readonly Verb[], unknown?: { text: string; didYouMean?: string }): HelpView {
  return {
    // Echo only the start of what was typed: the card is seen by everyone in the conversation.
    unknown: unknown ? echo(unknown.text, 40) : '',
    didYouMean: unknown?.didYouMean ?? '',
    intro: HELP_INTRO,
    commands: verbs.filter((v) => v.listed).map((v) => ({ usage: v.usage, description: v.summary })),
  };
}

export function helpReply(verbs: readonly Verb[], unknown?: { text: string; didYouMean?: string }): Reply {
  return { kind: 'help', view: helpView(verbs, unknown) };
}
