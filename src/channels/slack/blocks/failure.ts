/** A failed connect (core FailureView): stage, reason, remedy, and "Try again" without the secret. */
import { formValues } from '../../../core/connect';
import type { FailureView, FormValues } from '../../../core/views';
import { ACTION_IDS } from './ids';
import { button, context, displayName, escapeText, message, type SlackMessage, section } from './text';

/**
 * The "Try again" button's value: the form values, picked field by field by the core, so
 * nothing else (a stray secret) can slip in.
 */
export function retryButtonValue(values: FormValues): string {
  return JSON.stringify(formValues(values));
}

export function failureMessage(view: FailureView): SlackMessage {
  const name = displayName(view.name);
  return message(`Could not connect ${name}: ${view.stageTitle}. ${view.reason}`, [
    section(`❌ *Could not connect ${escapeText(name)}*`),
    section(`*Failed at:* ${escapeText(view.stageTitle)}\n${escapeText(view.reason)}`),
    section(`*What to do:* ${escapeText(view.remedy)}`),
    context(`Nothing was stored. Error code: ${escapeText(view.code)}`),
    {
      type: 'actions',
      elements: [button(ACTION_IDS.retry, 'Try again', retryButtonValue(view.retryValues), 'primary')],
    },
  ]);
}
