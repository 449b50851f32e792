/**
 * A message shown inside a modal: the progress, result or failure after a submit, refusals,
 * and status opened from a modal. The view keeps the form's private metadata, so a
 * "Try again" inside it knows where to post.
 */
import type { ModalView } from '@slack/types';
import { INFO_CALLBACK_ID } from './ids';
import { context, plain, type SlackMessage } from './text';

export function infoModal(
  title: string,
  body: SlackMessage,
  privateMetadata: string,
  note?: string,
): ModalView {
  return {
    type: 'modal',
    callback_id: INFO_CALLBACK_ID,
    title: plain(title, 24),
    close: plain('Close'),
    private_metadata: privateMetadata,
    blocks: note ? [...body.blocks, context(note)] : body.blocks,
  };
}

/** The note under the progress in the modal: where the lasting message is. */
export function postedInNote(channelId: string | undefined): string {
  const id = channelId?.replace(/[^A-Za-z0-9]/g, '');
  const where = id ? `<#${id}>` : 'the conversation';
  return `Progress and the result are posted in ${where}. You can close this window.`;
}
