import type {
  ConnectFormView,
  FailureView,
  HelpView,
  MessageView,
  ProgressView,
  ReportView,
  ResultView,
  RotateFormView,
  StatusView,
} from './views';

/**
 * Work to start once the channel has shown the reply (a sync that updates the message it posted):
 * the channel passes where the reply landed.
 */
export interface FollowUp {
  kind: 'sync';
  workspaceId: string;
  connectionId: string;
}

/** What a command or a job answers with; each channel renders every kind. */
export type Reply = ReplyBody & { followUp?: FollowUp };

type ReplyBody =
  | { kind: 'connect-form'; form: ConnectFormView }
  | { kind: 'rotate-form'; form: RotateFormView }
  | { kind: 'progress'; view: ProgressView }
  | { kind: 'result'; view: ResultView }
  | { kind: 'failure'; view: FailureView }
  | { kind: 'status'; view: StatusView }
  | { kind: 'help'; view: HelpView }
  | { kind: 'message'; view: MessageView }
  | { kind: 'report'; view: ReportView };

export function message(title: string, text: string, tone: MessageView['tone'] = 'neutral'): Reply {
  return { kind: 'message', view: { title, text, tone } };
}
