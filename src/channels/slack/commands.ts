/**
 * `/osto <command>`: parse once with the core grammar, ack at once, answer with Block Kit
 * rendered from the core's view models. `connect azure` opens the modal.
 */
import type { AllMiddlewareArgs, RespondArguments, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { parseCommand } from '../../core/commands';
import { mayChangeConnections } from '../../core/connect';
import { helpView } from '../../core/help';
import { workspaceStatus } from '../../core/status';
import { connectModal } from './blocks/connect-modal';
import { helpMessage } from './blocks/help';
import { textMessage } from './blocks/message';
import { statusMessage } from './blocks/status';
import type { SlackMessage } from './blocks/text';
import { rememberConversation, type SlackDeps } from './deps';
import { workspaceOfCommand, writeTarget } from './payload';

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** Only the person who typed the command sees the answer. */
export function ephemeral(msg: SlackMessage): RespondArguments {
  return { response_type: 'ephemeral', text: msg.text, blocks: msg.blocks };
}

export const NOT_ALLOWED = 'Only the admins listed in OSTO_ADMINS may connect a subscription here.';

export function commandListener(deps: SlackDeps) {
  return async ({ command, ack, respond, client }: CommandArgs): Promise<void> => {
    const workspace = workspaceOfCommand(command);
    const slash = command.command || '/osto';
    if (!workspace) {
      await ack(ephemeral(textMessage({ title: 'No team', text: 'This command carried no Slack team id.' })));
      return;
    }
    const cmd = parseCommand(command.text ?? '');
    switch (cmd.kind) {
      case 'connect':
        if (!mayChangeConnections(command.user_id, deps.connect.admins)) {
          await ack(ephemeral(textMessage({ title: 'Not allowed', text: NOT_ALLOWED })));
          break;
        }
        await ack();
        await client.views.open({
          trigger_id: command.trigger_id,
          view: connectModal(
            { values: {}, errors: [] },
            writeTarget({ channelId: command.channel_id, responseUrl: command.response_url }),
          ),
        });
        break;
      case 'connect_unsupported':
        await ack(
          ephemeral(
            textMessage({
              title: 'Not supported yet',
              text: `Osto connects Azure for now. Type ${slash} connect azure.`,
            }),
          ),
        );
        break;
      case 'status': {
        await ack();
        const view = await workspaceStatus(deps.store, workspace.id, deps.clock.now(), cmd.name);
        await respond(
          ephemeral(
            view.notFound
              ? textMessage({
                  title: 'No such connection',
                  text: `No connection named "${view.notFound}" here. Type ${slash} status to list them.`,
                })
              : statusMessage(view, slash),
          ),
        );
        break;
      }
      case 'planned':
        await ack(
          ephemeral(
            textMessage({
              title: `"${cmd.verb}" is not available yet`,
              text: `It comes in a later release. For now: ${slash} connect azure, ${slash} status, ${slash} help.`,
            }),
          ),
        );
        break;
      case 'help':
        await ack(ephemeral(helpMessage(helpView(), slash)));
        break;
      case 'unknown':
        await ack(ephemeral(helpMessage(helpView(cmd), slash)));
        break;
    }
    await rememberConversation(deps.conversations, workspace, {
      channelId: command.channel_id,
      teamId: command.team_id,
    });
  };
}
