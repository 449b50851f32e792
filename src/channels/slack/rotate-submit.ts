/** The submitted rotate modal: the same flow as connect's (./connect-submit.ts), for a new secret. */
import { beginRotate } from '../../core/rotate/begin';
import type { RotateFormView } from '../../core/views';
import { blockErrors } from './blocks/connect-modal';
import { type ModalFlow, modalSubmitListener } from './connect-submit';
import type { SlackDeps } from './deps';
import { formOfState, nameOfTarget } from './payload';

export function rotateSubmitListener(deps: SlackDeps) {
  const flow: ModalFlow<RotateFormView> = {
    working: 'Checking the secret',
    cannot: 'Cannot update the secret',
    busy: 'This secret is being checked; the message in the channel updates when it is done.',
    begin: (ctx, key, view, progress) => {
      const raw = formOfState(view.state);
      return beginRotate(
        deps.core,
        ctx,
        key,
        {
          name: nameOfTarget(view.private_metadata),
          clientSecret: raw.clientSecret,
          secretExpiresOn: raw.secretExpiresOn,
        },
        progress,
      );
    },
    errors: (form) => blockErrors(form.errors),
  };
  return modalSubmitListener(deps, flow);
}
