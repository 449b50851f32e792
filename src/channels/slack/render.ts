/** Core replies → Block Kit messages (the connect form is a modal: see ./blocks/connect-modal.ts). */
import type { Reply } from '../../core/reply';
import { failureMessage } from './blocks/failure';
import { helpMessage } from './blocks/help';
import { textMessage } from './blocks/message';
import { progressMessage } from './blocks/progress';
import { reportMessage } from './blocks/report';
import { resultMessage } from './blocks/result';
import { statusMessage } from './blocks/status';
import type { SlackMessage } from './blocks/text';

export function renderReply(reply: Exclude<Reply, { kind: 'connect-form' | 'rotate-form' }>): SlackMessage {
  switch (reply.kind) {
    case 'progress':
      return progressMessage(reply.view);
    case 'result':
      return resultMessage(reply.view);
    case 'failure':
      return failureMessage(reply.view);
    case 'status':
      return statusMessage(reply.view);
    case 'help':
      return helpMessage(reply.view);
    case 'message':
      return textMessage(reply.view);
    case 'report':
      return reportMessage(reply.view);
  }
}

/** A reply as a message; the connect form (a modal in Slack) as a short pointer when it cannot be a modal. */
export function messageOf(reply: Reply): SlackMessage {
  if (reply.kind === 'connect-form')
    return textMessage({
      title: 'Connect Azure',
      text: 'Type /osto connect azure to open the form.',
      tone: 'neutral',
    });
  if (reply.kind === 'rotate-form')
    return textMessage({
      title: 'Update secret',
      text: `Type /osto rotate ${reply.form.name} to open the form.`,
      tone: 'neutral',
    });
  return renderReply(reply);
}
