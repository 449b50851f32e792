/**
 * Buttons: "Try again" (the form again, pre-filled except the secret), "Connect Azure" (the
 * empty form) and "View status". A button in a message opens a modal with its trigger_id; a
 * button inside the modal replaces (or stacks on) that modal.
 */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { mayChangeConnections } from '../../core/connect';
import { workspaceStatus } from '../../core/status';
import type { ConnectFormView } from '../../core/views';
import { connectModal } from './blocks/connect-modal';
import { textMessage } from './blocks/message';
import { infoModal } from './blocks/modal';
import { statusMessage } from './blocks/status';
import type { SlackMessage } from './blocks/text';
import { ephemeral, NOT_ALLOWED } from './commands';
import type { SlackDeps } from './deps';
import { retryValuesOf, workspaceOfInteraction, writeTarget } from './payload';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** Shows the connect form: in place of the modal the button is in, or as a new modal. */
async function openForm({ body, client }: ButtonArgs, form: ConnectFormView): Promise<void> {
  if (body.view) {
    await client.views.update({
      view_id: body.view.id,
      view: connectModal(form, body.view.private_metadata),
    });
    return;
  }
  const channelId = body.channel?.id ?? (body.container.channel_id as string | undefined);
  if (!channelId) throw new Error('a connect button came from no channel');
  const metadata = writeTarget({ channelId, responseUrl: body.response_url });
  await client.views.open({ trigger_id: body.trigger_id, view: connectModal(form, metadata) });
}

/** Answers a button: as an ephemeral message, or stacked on the modal the button is in. */
async function answer(
  { body, client, respond }: ButtonArgs,
  title: string,
  msg: SlackMessage,
): Promise<void> {
  if (body.view)
    await client.views.push({
      trigger_id: body.trigger_id,
      view: infoModal(title, msg, body.view.private_metadata),
    });
  else await respond(ephemeral(msg));
}

export function retryListener(deps: SlackDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    if (!mayChangeConnections(args.body.user.id, deps.connect.admins))
      return answer(args, 'Not allowed', textMessage({ title: 'Not allowed', text: NOT_ALLOWED }));
    await openForm(args, {
      values: retryValuesOf(args.action.value),
      errors: [],
      notice: 'Enter the client secret again, then connect.',
    });
  };
}

export function openConnectListener(deps: SlackDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    if (!mayChangeConnections(args.body.user.id, deps.connect.admins))
      return answer(args, 'Not allowed', textMessage({ title: 'Not allowed', text: NOT_ALLOWED }));
    await openForm(args, { values: {}, errors: [] });
  };
}

export function statusListener(deps: SlackDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const workspace = workspaceOfInteraction(args.body);
    if (!workspace) throw new Error('a status button came from no team');
    const view = await workspaceStatus(deps.store, workspace.id, deps.clock.now());
    await answer(args, 'Azure connections', statusMessage(view));
  };
}
