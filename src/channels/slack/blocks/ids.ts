/**
 * The ids Slack sends back: the modal's callback id, its input blocks (one per form field,
 * named like the core's ConnectField so field errors land on the right block), and buttons.
 */
import type { ConnectField } from '../../../core/verification';

/** callback_id of the connect modal. */
export const CONNECT_CALLBACK_ID = 'osto_connect';
/** callback_id of the rotate modal (a new secret for a connection). */
export const ROTATE_CALLBACK_ID = 'osto_rotate';
/** callback_id of the modals shown after a submit (progress, result, failure, messages). */
export const INFO_CALLBACK_ID = 'osto_info';

/** action_id of the element inside every input block; the block_id says which field it is. */
export const INPUT_ACTION_ID = 'value';

/** Input block ids, in the order of SPEC 1.1. */
export const FIELD_BLOCK_IDS: readonly ConnectField[] = [
  'name',
  'description',
  'subscriptionId',
  'clientId',
  'clientSecret',
  'tenantId',
  'secretExpiresOn',
];

/** Buttons. */
export const ACTION_IDS = {
  /** Any button that runs a core verb: `osto_run:<verb>:<label>` (ids must be unique in a message). */
  run: 'osto_run',
  /** Buttons of messages posted by earlier versions, still answered. */
  /** "Try again" on a failure: reopens the form pre-filled except the secret. */
  retry: 'osto_retry',
  /** "Connect Azure" on an empty status: opens the form. */
  openConnect: 'osto_connect_open',
  /** "View status" on a result. */
  status: 'osto_status',
} as const;
