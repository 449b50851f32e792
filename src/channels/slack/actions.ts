/**
 * Buttons: every button runs a core verb, as if typed (`osto_run:…`, the value says which, with
 * what arguments). A button in a message answers with an ephemeral message, or opens the connect
 * modal; a button inside a modal replaces (the form) or stacks on that modal. Buttons of messages
 * posted by earlier versions (`osto_retry`, `osto_connect_open`, `osto_status`) still work.
 */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { runCommand } from '../../core/commands/run';
import type { Reply } from '../../core/reply';
import { startFollowUp } from '../../core/sync/job';
import type { Invocation } from '../../core/views';
import { readJson, runPayload, unreadable } from '../../payloads/schemas';
import { ACTION_IDS } from './blocks/ids';
import { textMessage } from './blocks/message';
import { infoModal } from './blocks/modal';
import { ephemeral } from './commands';
import type { SlackDeps } from './deps';
import { openConnectModal, openRotateModal } from './modals';
import { readTarget, retryValuesOf, slackUserName, workspaceOfInteraction, writeTarget } from './payload';
import { messageOf } from './render';

export type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** A button's invocation, from its action id and value (checked against its schema); undefined when it is none of ours. */
export function invocationOf(
  actionId: string,
  value: string | undefined,
): (Invocation & { inPlace: boolean }) | { invalid: string } | undefined {
  if (actionId === ACTION_IDS.retry)
    return { verb: 'connect', args: { ...retryValuesOf(value) }, inPlace: true };
  if (actionId === ACTION_IDS.openConnect) return { verb: 'connect', args: {}, inPlace: false };
  if (actionId === ACTION_IDS.status) return { verb: 'status', args: {}, inPlace: false };
  if (!actionId.startsWith(ACTION_IDS.run)) return undefined;
  const r = readJson(runPayload, value);
  if (!r.ok) return { invalid: r.problem };
  return { verb: r.value.verb, args: r.value.args, inPlace: r.value.inPlace === true };
}

function channelOf(body: ButtonArgs['body']): string | undefined {
  return body.channel?.id ?? (body.container?.channel_id as string | undefined);
}

export function buttonListener(deps: SlackDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    const { body, client, respond } = args;
    await args.ack();
    const run = invocationOf(args.action.action_id, args.action.value);
    const workspace = workspaceOfInteraction(body);
    if (!run || !workspace) return;
    if ('invalid' in run) {
      deps.log.warn({ problem: run.invalid }, 'button refused');
      const words = unreadable(run.invalid);
      if (!body.view) await respond(ephemeral(textMessage({ ...words, tone: 'bad' })));
      return;
    }
    const channelId = channelOf(body);
    const actorName = slackUserName(body.user);
    const reply: Reply = await runCommand(
      deps.core,
      {
        workspace,
        actor: body.user.id,
        ...(actorName ? { actorName } : {}),
        channel: 'slack',
        ...(channelId ? { conversationKey: channelId } : {}),
      },
      run,
    );
    if (reply.kind === 'rotate-form') {
      const target = body.view ? readTarget(body.view.private_metadata) : undefined;
      const where = target ?? (channelId ? { channelId, responseUrl: body.response_url ?? '' } : undefined);
      if (!where) throw new Error('an Update secret button came from no channel');
      await openRotateModal(client, {
        trigger: body.trigger_id,
        form: reply.form,
        metadata: writeTarget({ ...where, name: reply.form.name }),
      });
      return;
    }
    if (reply.kind === 'connect-form') {
      const metadata = body.view
        ? body.view.private_metadata
        : channelId
          ? writeTarget({ channelId, responseUrl: body.response_url })
          : undefined;
      if (metadata === undefined) throw new Error('a connect button came from no channel');
      await openConnectModal(client, {
        trigger: body.trigger_id,
        form: reply.form,
        metadata,
        ...(body.view && run.inPlace ? { replaceViewId: body.view.id } : {}),
      });
      return;
    }
    const msg = messageOf(reply);
    if (body.view) {
      const title =
        reply.kind === 'message' ? reply.view.title : reply.kind === 'status' ? 'Azure connections' : 'Osto';
      await client.views.push({
        trigger_id: body.trigger_id,
        view: infoModal(title, msg, body.view.private_metadata),
      });
    } else {
      // In place (a confirmation's buttons): the answer replaces the message, so it cannot be clicked again.
      await respond(run.inPlace ? { ...ephemeral(msg), replace_original: true } : ephemeral(msg));
      if (reply.followUp && body.response_url)
        await startFollowUp(deps.core, reply.followUp, {
          channel: 'slack',
          workspaceId: workspace.id,
          conversationKey: channelId ?? '',
          extra: { responseUrl: body.response_url, ephemeral: '1' },
        });
    }
  };
}
