/**
 * The connect form of SPEC 1.1 as a Slack modal. Labels are exactly those of the SPEC table;
 * each input block's id is the field name, so `response_action: errors` can point at it.
 * The secret is never pre-filled: a "Try again" form carries every value but that one.
 */
import type { Datepicker, InputBlock, KnownBlock, ModalView, PlainTextInput } from '@slack/types';
import { LIMITS as INPUT_LIMITS } from '../../../core/validate-connect-input';
import type { ConnectField, FieldError } from '../../../core/verification';
import type { ConnectFormView, FormValues } from '../../../core/views';
import { CONNECT_CALLBACK_ID, FIELD_BLOCK_IDS, INPUT_ACTION_ID } from './ids';
import { context, escapeText, plain, section } from './text';

const GUID_PLACEHOLDER = '00000000-0000-0000-0000-000000000000';
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

interface FieldSpec {
  label: string;
  hint: string;
  placeholder?: string;
  optional?: boolean;
  multiline?: boolean;
  maxLength?: number;
}

/** Label, hint (where to find the value) and input shape of each field. */
const FIELDS: Record<ConnectField, FieldSpec> = {
  name: {
    label: 'Name',
    hint: 'Unique in this workspace, e.g. Production.',
    placeholder: 'Production',
    maxLength: INPUT_LIMITS.name,
  },
  description: {
    label: 'Description',
    hint: 'Optional, at most 256 characters.',
    placeholder: 'What this subscription is for',
    optional: true,
    multiline: true,
    maxLength: INPUT_LIMITS.description,
  },
  subscriptionId: {
    label: 'Subscription ID',
    hint: 'Azure portal → Subscriptions → your subscription → Subscription ID.',
    placeholder: GUID_PLACEHOLDER,
  },
  clientId: {
    label: 'Client ID',
    hint: 'App registrations → your app → Overview → Application (client) ID.',
    placeholder: GUID_PLACEHOLDER,
  },
  clientSecret: {
    label: 'Client Secret',
    hint: 'App registrations → your app → Certificates & secrets → the Value column (not the Secret ID). Shown once, when created.',
    placeholder: "Paste the secret's Value",
    maxLength: INPUT_LIMITS.secret,
  },
  tenantId: {
    label: 'Tenant ID',
    hint: 'Microsoft Entra ID → Overview → Tenant ID, or a verified domain such as contoso.onmicrosoft.com.',
    placeholder: `${GUID_PLACEHOLDER} or contoso.onmicrosoft.com`,
  },
  secretExpiresOn: {
    label: 'Secret expires on',
    hint: "Optional. Used when the bot can't read the date from Microsoft Graph.",
    optional: true,
  },
};

/** What the modal says about the secret field, since Block Kit has no masked input. */
export const SECRET_NOTE =
  ':lock: Slack cannot mask the Client Secret field: it shows as you type. This form is private to you and never enters the channel history; the secret is encrypted at rest and never shown again.';

function textInput(field: ConnectField, spec: FieldSpec, initial: string | undefined): PlainTextInput {
  return {
    type: 'plain_text_input',
    action_id: INPUT_ACTION_ID,
    ...(spec.placeholder ? { placeholder: plain(spec.placeholder) } : {}),
    ...(spec.multiline ? { multiline: true } : {}),
    ...(spec.maxLength ? { max_length: spec.maxLength } : {}),
    // Never pre-fill the secret, whatever the caller passes.
    ...(initial && field !== 'clientSecret' ? { initial_value: initial } : {}),
  };
}

function datePicker(initial: string | undefined): Datepicker {
  return {
    type: 'datepicker',
    action_id: INPUT_ACTION_ID,
    placeholder: plain('Pick a date'),
    ...(initial && ISO_DATE.test(initial) ? { initial_date: initial } : {}),
  };
}

function inputBlock(field: ConnectField, values: FormValues): InputBlock {
  const spec = FIELDS[field];
  const initial = field === 'clientSecret' ? undefined : values[field];
  return {
    type: 'input',
    block_id: field,
    label: plain(spec.label),
    hint: plain(spec.hint, 2000),
    ...(spec.optional ? { optional: true } : {}),
    element: field === 'secretExpiresOn' ? datePicker(initial) : textInput(field, spec, initial),
  };
}

/**
 * The connect modal. `privateMetadata` carries where to post the progress (channel id and
 * response_url); it never holds a secret.
 */
export function connectModal(view: ConnectFormView, privateMetadata: string): ModalView {
  const blocks: KnownBlock[] = [
    section(
      'Enter the values of a service principal (app registration) that has the *Reader* role on the subscription.',
    ),
  ];
  if (view.notice) blocks.push(section(`*${escapeText(view.notice)}*`));
  for (const field of FIELD_BLOCK_IDS) {
    blocks.push(inputBlock(field, view.values));
    if (field === 'clientSecret') blocks.push(context(SECRET_NOTE));
  }
  return {
    type: 'modal',
    callback_id: CONNECT_CALLBACK_ID,
    title: plain('Connect Azure'),
    submit: plain('Connect'),
    close: plain('Cancel'),
    private_metadata: privateMetadata,
    blocks,
  };
}

/** Field errors for `ack({ response_action: 'errors', errors })`: one message per input block. */
export function blockErrors(errors: FieldError[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) out[e.field] = out[e.field] ? `${out[e.field]} ${e.message}` : e.message;
  return out;
}
