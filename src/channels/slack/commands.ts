/**
 * `/osto <command>`: the core parses and answers; the answer is acked at once as an ephemeral
 * message (only the person who typed it sees it), or, for the connect form, opens the modal.
 */
import type { AllMiddlewareArgs, RespondArguments, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { runText } from '../../core/commands/run';
import { startFollowUp } from '../../core/sync/job';
import { textMessage } from './blocks/message';
import type { SlackMessage } from './blocks/text';
import { rememberConversation, type SlackDeps } from './deps';
import { openConnectModal, openRotateModal } from './modals';
import { slackUserName, workspaceOfCommand, writeTarget } from './payload';
import { messageOf } from './render';

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** Only the person who typed the command sees the answer. */
export function ephemeral(msg: SlackMessage): RespondArguments {
  return { response_type: 'ephemeral', text: msg.text, blocks: msg.blocks };
}

export function commandListener(deps: SlackDeps) {
  return async ({ command, ack, client }: CommandArgs): Promise<void> => {
    const workspace = workspaceOfCommand(command);
    if (!workspace) {
      await ack(ephemeral(textMessage({ title: 'No team', text: 'This command carried no Slack team id.' })));
      return;
    }
    const actorName = slackUserName({ username: command.user_name });
    const reply = await runText(
      deps.core,
      {
        workspace,
        actor: command.user_id,
        ...(actorName ? { actorName } : {}),
        channel: 'slack',
        conversationKey: command.channel_id,
      },
      command.text ?? '',
    );
    if (reply.kind === 'rotate-form') {
      await ack();
      await openRotateModal(client, {
        trigger: command.trigger_id,
        form: reply.form,
        metadata: writeTarget({
          channelId: command.channel_id,
          responseUrl: command.response_url,
          name: reply.form.name,
        }),
      });
    } else if (reply.kind === 'connect-form') {
      await ack();
      await openConnectModal(client, {
        trigger: command.trigger_id,
        form: reply.form,
        metadata: writeTarget({ channelId: command.channel_id, responseUrl: command.response_url }),
      });
    } else {
      await ack(ephemeral(messageOf(reply)));
      // A sync updates the answer in place (through response_url) when it ends.
      if (reply.followUp)
        await startFollowUp(deps.core, reply.followUp, {
          channel: 'slack',
          workspaceId: workspace.id,
          conversationKey: command.channel_id,
          extra: { responseUrl: command.response_url, ephemeral: '1' },
        });
    }
    await rememberConversation(deps.conversations, workspace, {
      channelId: command.channel_id,
      teamId: command.team_id,
    });
  };
}
