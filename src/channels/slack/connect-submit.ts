/**
 * The submitted connect modal: check it with the core (field errors go back onto the modal's
 * blocks, nothing stored, nothing sent to Azure), turn the modal into the progress view, then
 * verify after the ack and report in the channel where the command was typed.
 */
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { beginConnect, type ConnectStart, formValues } from '../../core/connect';
import type { FormValues } from '../../core/views';
import { blockErrors } from './blocks/connect-modal';
import { failureMessage } from './blocks/failure';
import { SOMETHING_WENT_WRONG, textMessage } from './blocks/message';
import { infoModal, postedInNote } from './blocks/modal';
import { progressMessage } from './blocks/progress';
import { resultMessage } from './blocks/result';
import type { SlackMessage } from './blocks/text';
import { ModalMirror, ProgressPost, type Recipient } from './delivery';
import type { SlackDeps } from './deps';
import { AnsweredError } from './errors';
import { formOfState, readTarget, workspaceOfInteraction } from './payload';

type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

export function connectSubmitListener(deps: SlackDeps) {
  return async ({ ack, body, view, client }: SubmitArgs): Promise<void> => {
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
    const raw = formOfState(view.state);
    let start: ConnectStart;
    try {
      start = await beginConnect(
        deps.connect,
        { workspace, actor: body.user.id, conversationKey: target.channelId, attemptKey: view.id },
        raw,
      );
    } catch (e) {
      await say(SOMETHING_WENT_WRONG.title, textMessage(SOMETHING_WENT_WRONG));
      throw new AnsweredError(e);
    }
    switch (start.kind) {
      case 'invalid':
        await ack({ response_action: 'errors', errors: blockErrors(start.form.errors) });
        return;
      case 'forbidden':
        await say('Not allowed', textMessage({ title: 'Not allowed', text: start.message }));
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
    const note = postedInNote(target.channelId);
    await ack({
      response_action: 'update',
      view: infoModal('Connecting', progressMessage(start.progress), metadata, note),
    });
    // Only what a crash report needs is kept: the name and the values, never the secret.
    const run: Run = {
      start,
      name: typeof raw.name === 'string' && raw.name.trim() ? raw.name.trim() : 'the subscription',
      retryValues: formValues(raw),
      metadata,
      note,
      post: new ProgressPost(client, { ...target, userId: body.user.id } satisfies Recipient, deps.log),
      modal: new ModalMirror(client, view.id, deps.log),
    };
    deps.tasks.run(() => verify(deps, run));
  };
}

interface Run {
  start: Extract<ConnectStart, { kind: 'started' }>;
  name: string;
  retryValues: FormValues;
  metadata: string;
  note: string;
  post: ProgressPost;
  modal: ModalMirror;
}

/** After the ack: post the progress, update it as stages finish, end with the result or the failure. */
async function verify(deps: SlackDeps, run: Run): Promise<void> {
  const { post, modal } = run;
  await post.update(progressMessage(run.start.progress));
  let final: { title: string; msg: SlackMessage };
  try {
    const done = await run.start.finish(async (view) => {
      const msg = progressMessage(view);
      await post.update(msg);
      await modal.update(infoModal('Connecting', msg, run.metadata, run.note));
    });
    final =
      done.kind === 'connected'
        ? { title: 'Connected', msg: resultMessage(done.result) }
        : { title: 'Could not connect', msg: failureMessage(done.failure) };
  } catch (e) {
    deps.log.error({ err: e }, 'slack connect crashed');
    final = {
      title: 'Could not connect',
      msg: failureMessage({
        name: run.name,
        stageId: 'sync',
        stageTitle: 'Save the connection',
        code: 'internal',
        reason: 'Something went wrong on our side; nothing was stored.',
        remedy: 'Try again. If it keeps failing, ask whoever runs the bot to check its logs.',
        retryValues: run.retryValues,
      }),
    };
  }
  await modal.update(infoModal(final.title, final.msg, run.metadata));
  // Never silence: when the channel message cannot carry it, response_url, then a DM (see finish).
  await post.finish(final.msg);
}
