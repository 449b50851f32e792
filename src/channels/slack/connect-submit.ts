/**
 * The submitted connect modal: the core checks it (field errors go back onto the modal's blocks,
 * nothing stored, nothing sent to Azure) and stores the attempt; the modal turns into the progress
 * view, the progress is posted in the channel where the command was typed (or to the person), and
 * the verification runs as a job that updates both.
 */
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { MessageRef } from '../../core/attempt';
import { beginConnect, startConnect } from '../../core/connect/begin';
import { blockErrors } from './blocks/connect-modal';
import { SOMETHING_WENT_WRONG, textMessage } from './blocks/message';
import { infoModal, postedInNote } from './blocks/modal';
import type { SlackMessage } from './blocks/text';
import type { SlackDeps } from './deps';
import { AnsweredError } from './errors';
import { formOfState, readTarget, workspaceOfInteraction } from './payload';
import { messageOf } from './render';

type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

export function connectSubmitListener(deps: SlackDeps) {
  return async ({ ack, body, view }: SubmitArgs): Promise<void> => {
    const metadata = view.private_metadata;
    const say = (title: string, msg: SlackMessage) =>
      ack({ response_action: 'update', view: infoModal(title, msg, metadata) });
    const workspace = workspaceOfInteraction(body);
    const target = readTarget(metadata);
    if (!workspace || !target) {
      await say(
        'Cannot connect',
        textMessage({
          title: 'Cannot connect',
          text: 'This form lost its context. Type /osto connect azure again.',
        }),
      );
      return;
    }
    const progress: MessageRef = {
      channel: 'slack',
      workspaceId: workspace.id,
      conversationKey: target.channelId,
      extra: { responseUrl: target.responseUrl, userId: body.user.id, viewId: view.id, metadata },
    };
    const ctx = {
      workspace,
      actor: body.user.id,
      channel: 'slack' as const,
      conversationKey: target.channelId,
    };
    let start: Awaited<ReturnType<typeof beginConnect>>;
    try {
      start = await beginConnect(deps.core, ctx, view.id, formOfState(view.state), progress);
    } catch (e) {
      await say(SOMETHING_WENT_WRONG.title, textMessage(SOMETHING_WENT_WRONG));
      throw new AnsweredError(e);
    }
    switch (start.kind) {
      case 'invalid':
        await ack({ response_action: 'errors', errors: blockErrors(start.form.errors) });
        return;
      case 'refused':
        await say('Not allowed', messageOf(start.reply));
        return;
      case 'busy':
        await say(
          'Already verifying',
          textMessage({
            title: 'Already verifying',
            text: 'This connection is being verified; the message in the channel updates when it is done.',
          }),
        );
        return;
      case 'started':
        break;
    }
    // The modal turns into the progress view at once; it no longer holds the secret.
    const first = messageOf(start.reply);
    await ack({
      response_action: 'update',
      view: infoModal('Connecting', first, metadata, postedInNote(target.channelId)),
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
