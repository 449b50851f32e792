/**
 * The requests of the request-path benchmark, built the way the tests build them: a Slack slash
 * command `/osto help` signed with the signing secret (the timestamp is now, so build one per
 * round), and a Teams `message` activity `/osto help` whose replies go to the local fake connector.
 */
import { randomUUID } from 'node:crypto';
import { SIGNING_SECRET, sign, slashCommandBody } from '../../test/slack/slack-requests';
import { teamsActivity } from '../../test/support/teams-activity';
import type { HttpRequest } from './load';

export const SLACK_SECRET = SIGNING_SECRET;
export const SLACK_BOT_TOKEN = 'xoxb-bench';

export function slackHelpCommand(fakesUrl: string): HttpRequest {
  const body = slashCommandBody(
    {
      teamId: 'T0BENCH',
      userId: 'U0ADA',
      channelId: 'C0BENCH',
      responseUrl: `${fakesUrl}/response/${randomUUID()}`,
    },
    'help',
  );
  const ts = Math.floor(Date.now() / 1000);
  return {
    path: '/slack/events',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': sign(body, ts, SLACK_SECRET),
    },
    body,
  };
}

export function teamsHelpMessage(fakesUrl: string): HttpRequest {
  const activity = teamsActivity(
    {
      tenantId: '00000000-0000-4000-8000-00000000be0c',
      conversationId: `a:bench-${randomUUID()}`,
      userId: '00000000-0000-4000-8000-0000000000ad',
      serviceUrl: fakesUrl,
    },
    { text: '/osto help' },
  );
  return {
    path: '/api/messages',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  };
}
