/** Opening the connect modal: a new one (with a trigger), or in place of the modal a button is in. */
import type { ConnectFormView, RotateFormView } from '../../core/views';
import { connectModal } from './blocks/connect-modal';
import { rotateModal } from './blocks/rotate-modal';
import type { WebClient } from './delivery';

export async function openConnectModal(
  client: WebClient,
  where: { trigger: string; form: ConnectFormView; metadata: string; replaceViewId?: string },
): Promise<void> {
  const view = connectModal(where.form, where.metadata);
  if (where.replaceViewId) await client.views.update({ view_id: where.replaceViewId, view });
  else await client.views.open({ trigger_id: where.trigger, view });
}

/** Opening the rotate modal (the new secret for a connection). */
export async function openRotateModal(
  client: WebClient,
  where: { trigger: string; form: RotateFormView; metadata: string },
): Promise<void> {
  await client.views.open({ trigger_id: where.trigger, view: rotateModal(where.form, where.metadata) });
}
