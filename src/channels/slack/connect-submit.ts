/**
 * A submitted modal that carries a secret (connect; rotate shares the flow): the core checks it
 * (field errors go back onto the modal's blocks, nothing stored, nothing sent to Azure) and
 * stores the attempt; the modal turns into the progress view, the progress is posted in the
 * channel where the command was typed (or to the person), and the verification runs as a job
 * that updates both.
 *
 * The submitted connect modal: the core checks it (field errors go back onto the modal's blocks,
 * nothing stored, nothing sent to Azure) and stores the attempt; the modal turns into the progress
 * view, the progress is posted in the channel where the command was typed (or to the person), and
 * the verification runs as a job that updates both.
 */
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { ConnectAttempt, MessageRef } from '../../core/attempt';
import type { CommandContext } from '../../core/commands/context';
import { beginConnect, startConnect } from '../../core/connect/begin';
import type { Reply } from '../../core/reply';
import type { ConnectFormView } from '../../core/views';
import { unreadable } from '../../payloads/schemas';
import { blockErrors } from './blocks/connect-modal';
import { SOMETHING_WENT_WRONG, textMessage } from './blocks/message';
import { infoModal, postedInNote } from './blocks/modal';
import type { SlackMessage } from './blocks/text';
import type { SlackDeps } from './deps';
import { AnsweredError } from './errors';
import { formOfState, readTarget, slackUserName, workspaceOfInteraction } from './payload';
import { messageOf } from './render';

export type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

type Begun<F> =
  | { kind: 'invalid'; form: F }
  | { kind: 'refused'; reply: Reply }
  | { kind: 'busy' }
  | { kind: 'started'; attempt: ConnectAttempt; reply: Reply };

/** What differs between the modals that carry a secret (connect, rotate). */
export interface ModalFlow<F> {
  /** The modal's title while it works ("Connecting"). */
  working: string;
  cannot: string;
  busy: string;
  begin(ctx: CommandContext, key: string, view: SubmitArgs['view'], progress: MessageRef): Promise<Begun<F>>;
  errors(form: F): Record<string, string>;
}

export const CONNECT_FLOW = (deps: SlackDeps): ModalFlow<ConnectFormView> => ({
  working: 'Connecting',
  cannot: 'Cannot connect',
  busy: 'This connection is being verified; the message in the channel updates when it is done.',
  begin: (ctx, key, view, progress) => beginConnect(deps.core, ctx, key, formOfState(view.state), progress),
  errors: (form) => blockErrors(form.errors),
});

export function connectSubmitListener(deps: SlackDeps) {
  return modalSubmitListener(deps, CONNECT_FLOW(deps));
}

export function modalSubmitListener<F>(deps: SlackDeps, flow: ModalFlow<F>) {
  return async ({ ack, body, view }: SubmitArgs): Promise<void> => {
    const metadata = view.private_metadata;
    const say = (title: string, msg: SlackMessage) =>
      ack({ response_action: 'update', view: infoModal(title, msg, metadata) });
    const workspace = workspaceOfInteraction(body);
    const target = readTarget(metadata);
    if (!workspace || !target) {
      await say(
        flow.cannot,
        textMessage({
          title: flow.cannot,
          text: 'This form lost its context. Type the command again.',
        }),
      );
      return;
    }
    // The modal's state is checked against its schema first: a forged one is refused whole.
    const state = formOfState(view.state);
    if (state.problem) {
      deps.log.warn({ problem: state.problem }, 'modal submission refused');
      const words = unreadable(state.problem);
      await say(words.title, textMessage({ ...words, tone: 'bad' }));
      return;
    }
    const progress: MessageRef = {
      channel: 'slack',
      workspaceId: workspace.id,
      conversationKey: target.channelId,
      extra: { responseUrl: target.responseUrl, userId: body.user.id, viewId: view.id, metadata },
    };
    const actorName = slackUserName(body.user);
    const ctx: CommandContext = {
      workspace,
      actor: body.user.id,
      ...(actorName ? { actorName } : {}),
      channel: 'slack',
      conversationKey: target.channelId,
    };
    let start: Begun<F>;
    try {
      start = await flow.begin(ctx, view.id, view, progress);
    } catch (e) {
      await say(SOMETHING_WENT_WRONG.title, textMessage(SOMETHING_WENT_WRONG));
      throw new AnsweredError(e);
    }
    switch (start.kind) {
      case 'invalid':
        await ack({ response_action: 'errors', errors: flow.errors(start.form) });
        return;
      case 'refused':
        await say('Not allowed', messageOf(start.reply));
        return;
      case 'busy':
        await say('Already checking', textMessage({ title: 'Already checking', text: flow.busy }));
        return;
      case 'started':
        break;
    }
    // The modal turns into the progress view at once; it no longer holds the secret.
    const first = messageOf(start.reply);
    await ack({
      response_action: 'update',
      view: infoModal(flow.working, first, metadata, postedInNote(target.channelId)),
    });
    // After the ack: post the progress where the command was typed (or to the person), remember
    // where, then start the verification.
    const posted = await deps.core.notifier.post(progress, start.reply);
    if (posted.ok) {
      const at = posted.to ?? (posted.messageId ? { ...progress, messageId: posted.messageId } : progress);
      if (at !== progress) await deps.core.store.attempts.setProgress(workspace.id, start.attempt.id, at);
    } else
      deps.log.warn(
        { failure: posted.failure, detail: posted.detail },
        'slack progress message not posted; carrying on',
      );
    await startConnect(deps.core, start.attempt);
  };
}
