import { CONNECT_WHAT } from '../connect/begin';
import { formValues } from '../connect/form';
import { message } from '../reply';
import { mayChange, notAllowed } from './permissions';
import type { Verb } from './verb';

/**
 * `connect azure`: the connect form, for those who may connect (refused here, before the form,
 * in every channel). With form values as arguments (a "Try again"), the form comes pre-filled
 * (never the secret) and asks for the secret again.
 */
export const connect: Verb = {
  name: 'connect',
  usage: 'connect azure',
  summary: 'Connect an Azure subscription with a service principal (opens a form).',
  who: 'admin',
  grammar: 'provider',
  listed: true,
  async run(deps, ctx, args) {
    if ((args.provider ?? 'azure') !== 'azure')
      return message('Not supported yet', 'Osto connects Azure for now. Type /osto connect azure.');
    if (!mayChange(ctx, deps.admins)) return notAllowed(CONNECT_WHAT);
    const values = formValues(args);
    const retry = Object.keys(values).length > 0;
    return {
      kind: 'connect-form',
      form: {
        values,
        errors: [],
        ...(retry ? { notice: 'Enter the client secret again, then connect.' } : {}),
      },
    };
  },
};
