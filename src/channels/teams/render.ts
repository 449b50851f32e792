/** Core replies → Teams cards (one template per view, see ./cards.ts). */
import type { Reply } from '../../core/reply';
import {
  type AdaptiveCardJson,
  renderConnectForm,
  renderFailure,
  renderHelp,
  renderMessage,
  renderProgress,
  renderReport,
  renderResult,
  renderRotateForm,
  renderStatus,
} from './cards';

export function renderReply(reply: Reply): AdaptiveCardJson {
  switch (reply.kind) {
    case 'connect-form':
      return renderConnectForm(reply.form);
    case 'progress':
      return renderProgress(reply.view);
    case 'result':
      return renderResult(reply.view);
    case 'failure':
      return renderFailure(reply.view);
    case 'status':
      return renderStatus(reply.view);
    case 'help':
      return renderHelp(reply.view);
    case 'message':
      return renderMessage(reply.view);
    case 'report':
      return renderReport(reply.view);
    case 'rotate-form':
      return renderRotateForm(reply.form);
  }
}
