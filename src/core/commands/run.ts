import type { Reply } from '../reply';
import type { Invocation } from '../views';
import type { CommandContext, CoreDeps } from './context';
import { helpReply } from './help';
import { parseCommand } from './parse';
import { VERB_BY_NAME, VERBS } from './table';

/** Runs a verb (typed, or from a button) for this person in this workspace. */
export async function runCommand(deps: CoreDeps, ctx: CommandContext, run: Invocation): Promise<Reply> {
  const verb = VERB_BY_NAME.get(run.verb);
  if (!verb) return helpReply(VERBS);
  return verb.run(deps, ctx, run.args);
}

/** Runs what was typed: a command, or help with a "did you mean". */
export async function runText(deps: CoreDeps, ctx: CommandContext, text: string): Promise<Reply> {
  const parsed = parseCommand(text);
  if (!parsed.ok) return helpReply(VERBS, parsed);
  return runCommand(deps, ctx, parsed.run);
}
