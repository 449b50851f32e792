/**
 * Child of bench/http/run.ts: the Teams baseline. A bare botbuilder bot on restify (body parser,
 * CloudAdapter without credentials) whose ActivityHandler answers every message with one line of
 * text, sent to the activity's serviceUrl (the local fake connector).
 */
import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import restify from 'restify';
import { listenLocal, serve } from './serve';

class OneLineBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity('Osto: /osto connect azure, /osto status, /osto help.');
      await next();
    });
  }
}

serve(async () => {
  const adapter = new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: '',
    } as ConfigurationBotFrameworkAuthenticationOptions),
  );
  const bot = new OneLineBot();
  const server = restify.createServer();
  server.use(restify.plugins.bodyParser());
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  const url = await listenLocal(server);
  return {
    url,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.server.closeAllConnections();
      }),
  };
});
