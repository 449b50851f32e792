import type {
  ConnectFormView,
  FailureView,
  HelpView,
  MessageView,
  ProgressView,
  ResultView,
  StatusView,
} from './views';

/** What a command or a job answers with; each channel renders every kind. */
export type Reply =
  | { kind: 'connect-form'; form: ConnectFormView }
  | { kind: 'progress'; view: ProgressView }
  | { kind: 'result'; view: ResultView }
  | { kind: 'failure'; view: FailureView }
  | { kind: 'status'; view: StatusView }
  | { kind: 'help'; view: HelpView }
  | { kind: 'message'; view: MessageView };

export function message(title: string, text: string, tone: MessageView['tone'] = 'neutral'): Reply {
  return { kind: 'message', view: { title, text, tone } };
}
