import type { IncomingMessage, ServerResponse } from 'node:http';
import restify from 'restify';
import type { Logger } from './core/ports';
import type { Store } from './core/store/ports';

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

/**
 * A webhook route that reads its own body (within its limit) and answers every request itself,
 * with Node's plain request and response: it needs nothing of restify.
 */
export type Route = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface RunningServer {
  url: string;
  server: restify.Server;
  /** Stops accepting connections; requests in flight go on. Resolves when all have ended. */
  stopAccepting(): Promise<void>;
  /** Ends every connection still open (long-lived streams, stuck clients). */
  dropConnections(): void;
}

/** Routes `POST <path>` of the webhooks straight to them; everything else goes on to restify. */
function dispatchWebhooksFirst(server: restify.Server, webhooks: Map<string, Route>, log: Logger): void {
  const http = server.server;
  const restifyListeners = http.listeners('request') as ((
    req: IncomingMessage,
    res: ServerResponse,
  ) => void)[];
  http.removeAllListeners('request');
  http.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '';
    const q = url.indexOf('?');
    const route = req.method === 'POST' ? webhooks.get(q < 0 ? url : url.slice(0, q)) : undefined;
    if (!route) {
      for (const listener of restifyListeners) listener.call(http, req, res);
      return;
    }
    route(req, res).catch((e: unknown) => {
      log.error({ err: e, route: url.slice(0, 64) }, 'request failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"error":"internal error"}');
    });
  });
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
  // The two webhooks carry all the traffic: they are dispatched before restify (whose per-request
  // work cost them a third of their throughput), and registered in restify too, for any spelling
  // that only its router understands (`//api/messages`). No body parser: each reads its own body.
  const webhooks = new Map<string, Route>();
  if (deps.teams) webhooks.set('/api/messages', deps.teams);
  if (deps.slack) webhooks.set('/slack/events', deps.slack);
  for (const [path, route] of webhooks)
    server.post(path, async (req, res) => {
      await route(req, res);
    });
  deps.extraRoutes?.(server);
  dispatchWebhooksFirst(server, webhooks, deps.log);

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
