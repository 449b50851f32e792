/** `rotate <name>` and "Update secret": the form for a new client secret (admins, SPEC 1.4). */
import { ROTATE_WHAT } from '../rotate/begin';
import { rotateFormView } from '../rotate/form';
import { changeableTarget } from './target';
import type { Verb } from './verb';

export const rotate: Verb = {
  name: 'rotate',
  usage: 'rotate ‹name›',
  summary: 'Replace the client secret (verified before it replaces the old one).',
  who: 'admin',
  grammar: 'name?',
  listed: true,
  async run(deps, ctx, args) {
    const t = await changeableTarget(deps, ctx, 'rotate', args.name, ROTATE_WHAT);
    if (!t.ok) return t.reply;
    return { kind: 'rotate-form', form: rotateFormView(t.connection, deps.clock.now()) };
  },
};
