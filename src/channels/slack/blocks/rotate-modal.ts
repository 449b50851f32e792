/**
 * `rotate`'s form as a Slack modal: the connection it is for, the new secret (never pre-filled,
 * never shown again) and its optional expiry date. Block ids are the core's field names, so
 * `response_action: errors` lands on the right input.
 */
import type { InputBlock, KnownBlock, ModalView } from '@slack/types';
import { LIMITS as INPUT_LIMITS } from '../../../core/validate-connect-input';
import type { RotateFormView } from '../../../core/views';
import { SECRET_NOTE } from './connect-modal';
import { INPUT_ACTION_ID, ROTATE_CALLBACK_ID } from './ids';
import { context, escapeText, plain, section } from './text';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function rotateModal(view: RotateFormView, privateMetadata: string): ModalView {
  const secret: InputBlock = {
    type: 'input',
    block_id: 'clientSecret',
    label: plain('New client secret'),
    hint: plain(
      'App registrations → your app → Certificates & secrets → New client secret → its Value (not the Secret ID).',
    ),
    element: {
      type: 'plain_text_input',
      action_id: INPUT_ACTION_ID,
      placeholder: plain("Paste the new secret's Value"),
      max_length: INPUT_LIMITS.secret,
    },
  };
  const date = view.values.secretExpiresOn;
  const expires: InputBlock = {
    type: 'input',
    block_id: 'secretExpiresOn',
    optional: true,
    label: plain('New secret expires on'),
    hint: plain("Optional. Used when the bot can't read the date from Microsoft Graph."),
    element: {
      type: 'datepicker',
      action_id: INPUT_ACTION_ID,
      placeholder: plain('Pick a date'),
      ...(date && ISO_DATE.test(date) ? { initial_date: date } : {}),
    },
  };
  const blocks: KnownBlock[] = [
    section(
      `*${escapeText(view.name)}* · ${escapeText(view.subscription)}\nApp (client) ID ${escapeText(view.clientId)} · current secret expires ${escapeText(view.currentExpiry)}`,
    ),
    context(
      'The new secret is checked like a connect (sign-in, subscription, role) before it replaces the current one; until then the current one stays in use.',
    ),
  ];
  if (view.notice) blocks.push(section(`*${escapeText(view.notice)}*`));
  blocks.push(secret, context(SECRET_NOTE), expires);
  return {
    type: 'modal',
    callback_id: ROTATE_CALLBACK_ID,
    title: plain('Update secret'),
    submit: plain('Verify and replace'),
    close: plain('Cancel'),
    private_metadata: privateMetadata,
    blocks,
  };
}
