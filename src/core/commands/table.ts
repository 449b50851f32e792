/**
 * The one table of verbs (SPEC 1.5): it drives the parser, help, the "did you mean"
 * suggestions, and is checked by tests against the Teams manifest's command lists and the Slack
 * manifest's usage hint. Adding a verb: one module here, one renderer per channel for its reply.
 */
import { assets } from './assets';
import { audit } from './audit';
import { connect } from './connect';
import { disconnect } from './disconnect';
import { findings } from './findings';
import { helpReply } from './help';
import { notify } from './notify';
import { rotate } from './rotate';
import { snooze } from './snooze';
import { status } from './status';
import { sync } from './sync';
import type { Verb } from './verb';

const help: Verb = {
  name: 'help',
  usage: 'help',
  summary: 'Show this list.',
  who: 'anyone',
  grammar: 'none',
  listed: true,
  async run() {
    return helpReply(VERBS);
  },
};

export const VERBS: readonly Verb[] = [
  connect,
  status,
  sync,
  assets,
  findings,
  rotate,
  notify,
  disconnect,
  snooze,
  audit,
  help,
];

export const VERB_BY_NAME: ReadonlyMap<string, Verb> = new Map(VERBS.map((v) => [v.name, v]));

/** The commands of the Teams manifest's command lists: one per listed verb, in table order. */
export function manifestCommands(): { title: string; description: string }[] {
  return VERBS.filter((v) => v.listed).map((v) => ({
    title: v.name === 'connect' ? 'connect azure' : v.name,
    description: `${v.usage}: ${v.summary}`.slice(0, 128),
  }));
}

/** The Slack slash command's usage hint: the listed verbs' usage. */
export function usageHint(): string {
  return VERBS.filter((v) => v.listed)
    .map((v) => v.usage)
    .join(' | ');
}
