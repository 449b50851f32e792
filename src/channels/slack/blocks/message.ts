/** A plain titled message (core MessageView): refusals, "not found", errors. */
import type { MessageView } from '../../../core/views';
import { actionsBlock } from './actions';
import { escapeText, message, type SlackMessage, section } from './text';

export function textMessage(view: MessageView): SlackMessage {
  return message(`${view.title}: ${view.text}`, [
    section(`*${escapeText(view.title)}*\n${escapeText(view.text)}`),
    ...actionsBlock(view.actions ?? []),
  ]);
}

/** Shown through response_url when the bot may not post in the channel where the command was typed. */
export function channelUnreachableMessage(body: SlackMessage, channelId: string): SlackMessage {
  const id = channelId.replace(/[^A-Za-z0-9]/g, '');
  return {
    text: `I can't post in this channel, so I'm sending the progress to you in a direct message. ${body.text}`,
    blocks: [
      section(
        `:information_source: I can't post in <#${id}>: invite me with \`/invite @Osto\`. Meanwhile I'm sending the progress to you in a direct message.`,
      ),
      ...body.blocks,
    ],
  };
}

/** The answer to a request that failed on our side (Slack's app.error handler). */
export const SOMETHING_WENT_WRONG: MessageView = {
  title: 'Something went wrong',
  text: 'Osto could not finish that. Nothing was changed. Try again; if it keeps failing, ask whoever runs the bot to check its logs.',
  tone: 'bad',
};

/** The answer when Slack refuses the bot's own token (auth.test failed). */
export const SLACK_TOKEN_REFUSED: MessageView = {
  title: 'Osto cannot work in Slack yet',
  text: "Slack did not accept the bot's token. Ask whoever runs the bot to check SLACK_BOT_TOKEN (OAuth & Permissions → Bot User OAuth Token) and restart it.",
  tone: 'bad',
};
