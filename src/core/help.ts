import type { Command } from './commands';
import { echo } from './format';
import type { HelpView } from './views';

export const COMMANDS: HelpView['commands'] = [
  { usage: 'connect azure', description: 'Connect an Azure subscription with a service principal.' },
  {
    usage: 'status [name]',
    description: "Show this workspace's connections: status, assets, last sync, secret expiry.",
  },
  { usage: 'help', description: 'Show this list.' },
];

export function helpView(cmd?: Extract<Command, { kind: 'unknown' }>): HelpView {
  return {
    commands: COMMANDS,
    // Echo only the start of what was typed: the card is seen by everyone in the conversation.
    ...(cmd ? { unknown: echo(cmd.text, 40) } : {}),
    ...(cmd?.didYouMean ? { didYouMean: cmd.didYouMean } : {}),
  };
}
