import type { IncomingMessage, ServerResponse } from 'node:http';
import restify from 'restify';
import type { Logger } from './core/ports';
import type { Store } from './core/store-port';

export interface ServerDeps {
  port: number;
  /** Local mode binds 127.0.0.1 only. */
  host: string;
  /** Teams (Bot Framework) on POST /api/messages, when MicrosoftAppId is set or in local mode. */
  teams?: Route;
  store: Store;
  log: Logger;
  /** Slack (checks, then Bolt) for POST /slack/events, when Slack is configured. */
  slack?: Route;
  /** Extra routes (the playground) registered by the composition root. */
  extraRoutes?: (server: restify.Server) => void;
}

/** A route that reads its own body (within its limit) and answers every request itself. */
export type Route = (
  req: IncomingMessage & restify.Request,
  res: ServerResponse & restify.Response,
) => Promise<void>;

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
  // No body parser: each route reads its body itself, limited after decompression, and the
  // handler resolves only once the route has answered (or restify would answer first).
  if (deps.teams) server.post('/api/messages', deps.teams);
  if (deps.slack) server.post('/slack/events', deps.slack);
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
