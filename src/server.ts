import type { RequestListener } from 'node:http';
import type { CloudAdapter } from 'botbuilder';
import restify from 'restify';
import { runTurn, type TeamsBot } from './channels/teams/bot';
import type { Logger } from './core/ports';
import type { Store } from './core/store-port';

export interface ServerDeps {
  port: number;
  /** Local mode binds 127.0.0.1 only. */
  host: string;
  /** Teams (Bot Framework) on POST /api/messages, when MicrosoftAppId is set or in local mode. */
  teams?: { adapter: CloudAdapter; bot: TeamsBot };
  store: Store;
  log: Logger;
  /** Slack (Bolt's request listener) for POST /slack/events, when Slack is configured. */
  slack?: RequestListener;
  /** Extra routes (the playground) registered by the composition root. */
  extraRoutes?: (server: restify.Server) => void;
}

export interface RunningServer {
  url: string;
  server: restify.Server;
  /** Stops accepting connections; requests in flight go on. Resolves when all have ended. */
  stopAccepting(): Promise<void>;
  /** Ends every connection still open (long-lived streams, stuck clients). */
  dropConnections(): void;
}

/** One process, one port: the routes of SPEC 3. */
export async function startServer(deps: ServerDeps): Promise<RunningServer> {
  const server = restify.createServer({ name: 'osto-bot', handleUncaughtExceptions: false });
  server.pre(restify.plugins.pre.dedupeSlashes());

  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    next();
  });
  server.get('/readyz', async (_req, res) => {
    const ok = await deps.store.ping();
    res.send(ok ? 200 : 503, { status: ok ? 'ready' : 'store unavailable' });
  });
  const teams = deps.teams;
  if (teams)
    server.post(
      '/api/messages',
      restify.plugins.bodyParser({ mapParams: false, maxBodySize: 1_000_000 }),
      async (req, res) => {
        await runTurn(teams.adapter, teams.bot, req, res);
      },
    );
  const slack = deps.slack;
  if (slack)
    // No body parser here: Bolt reads the raw body it verifies the signature of. The handler
    // waits until Bolt has answered, or restify would answer first.
    server.post('/slack/events', async (req, res) => {
      const answered = new Promise<void>((resolve) => res.once('close', () => resolve()));
      slack(req, res);
      await answered;
    });
  deps.extraRoutes?.(server);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(deps.port, deps.host, () => resolve());
  });
  const address = server.address();
  const url = `http://${deps.host}:${address.port}`;
  deps.log.info({ url }, 'listening');
  return {
    url,
    server,
    stopAccepting: () => new Promise<void>((resolve) => server.close(() => resolve())),
    dropConnections: () => server.server.closeAllConnections(),
  };
}
