/** A failed connect (core FailureView): stage, reason, remedy, and "Try again" without the secret. */
import { formValues } from '../../../core/connect/form';
import type { FailureView } from '../../../core/views';
import { runButton } from './actions';
import { context, escapeText, message, type SlackMessage, section } from './text';

export function failureMessage(view: FailureView): SlackMessage {
  // The values are picked field by field by the core, so nothing else (a stray secret) slips in.
  const retry = runButton({
    label: 'Try again',
    run: { verb: 'connect', args: { provider: 'azure', ...formValues(view.retryValues) } },
    style: 'primary',
    inPlace: true,
  });
  return message(`${view.title}: ${view.stageTitle}. ${view.reason}`, [
    section(`❌ *${escapeText(view.title)}*`),
    section(`*Failed at:* ${escapeText(view.stageTitle)}\n${escapeText(view.reason)}`),
    section(`*What to do:* ${escapeText(view.remedy)}`),
    context(`Nothing was stored. Error code: ${escapeText(view.code)}`),
    { type: 'actions', elements: [retry] },
  ]);
}
