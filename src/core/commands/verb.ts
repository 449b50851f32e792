import type { Reply } from '../reply';
import type { CommandContext, CoreDeps } from './context';
import type { ArgGrammar } from './grammar';

/** One verb of SPEC 1.5: its grammar, who may run it, its help line, and what it does. */
export interface Verb {
  name: string;
  /** How to type it, in words (no angle brackets: cards drop them): `findings ‹name› [severity]`. */
  usage: string;
  /** The help line. */
  summary: string;
  /** `admin`: the connection's creator or OSTO_ADMINS (everyone when OSTO_ADMINS is unset). */
  who: 'anyone' | 'admin';
  grammar: ArgGrammar;
  /** Listed in help and in the Teams manifest's command lists and the Slack usage hint. */
  listed: boolean;
  run(deps: CoreDeps, ctx: CommandContext, args: Record<string, string>): Promise<Reply>;
}
