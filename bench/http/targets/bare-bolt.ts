/**
 * Child of bench/http/run.ts: the Slack baseline. A bare Bolt app that only acks `/osto`, with a
 * static authorize (no Web API call), served by a plain Node HTTP server on HTTPReceiver's listener.
 */
import { createServer } from 'node:http';
import { App, HTTPReceiver } from '@slack/bolt';
import { SLACK_BOT_TOKEN, SLACK_SECRET } from '../requests';
import { listenLocal, serve } from './serve';

serve(async () => {
  const receiver = new HTTPReceiver({ signingSecret: SLACK_SECRET, endpoints: '/slack/events' });
  const app = new App({
    receiver,
    authorize: async () => ({ botToken: SLACK_BOT_TOKEN, botId: 'B1', botUserId: 'U1' }),
  });
  app.command('/osto', async ({ ack }) => {
    await ack();
  });
  const server = createServer(receiver.requestListener);
  const url = await listenLocal(server);
  return {
    url,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
});
