import { AzureEngine } from './azure';
import { routeAzureSdkLogs } from './azure/sdk-logging';
import type { Config } from './config';
import type { ConnectDeps } from './core/connect';
import { ConversationMemo } from './core/conversation-memo';
import type { AzureConnector, Clock } from './core/ports';
import type { Store } from './core/store-port';
import { TaskTracker } from './core/task-tracker';
import type { Log } from './logger';
import type { Playground } from './playground';
import { type RunningServer, startServer } from './server';
import { openStore } from './store';

export interface AppOverrides {
  clock?: Clock;
  azure?: AzureConnector;
  /** Bind address; defaults to 127.0.0.1 in local mode and 0.0.0.0 otherwise. */
  host?: string;
}

export interface App {
  url: string;
  store: Store;
  tasks: TaskTracker;
  /** Graceful stop: no new requests, in-flight work finished (up to 30 s), store closed. */
  close(): Promise<void>;
}

/** Composition: config → store → azure → channels → server. */
export async function createApp(config: Config, log: Log, overrides: AppOverrides = {}): Promise<App> {
  const clock = overrides.clock ?? { now: () => new Date() };
  routeAzureSdkLogs(
    log.child({ component: 'azure-sdk' }),
    config.logLevel === 'debug' || config.logLevel === 'trace' ? 'info' : 'warning',
  );
  const store = await openStore({
    database: config.database,
    encryptionKey: config.encryptionKey,
    log,
    clock,
  });
  const azure = overrides.azure ?? new AzureEngine({ endpoints: config.azure, clock });
  const tasks = new TaskTracker((e) => log.error({ err: e }, 'background task failed'));
  const conversations = new ConversationMemo(store);
  const connect: ConnectDeps = {
    azure,
    store,
    clock,
    log,
    ...(config.admins ? { admins: config.admins } : {}),
  };
  // Teams is on with MicrosoftAppId (authenticated) or in local mode (unauthenticated, 127.0.0.1 only).
  const teams =
    config.teams || config.localMode
      ? loadTeams().createTeamsChannel({
          auth: config.teams,
          localMode: config.localMode,
          connect,
          tasks,
          conversations,
          log,
        })
      : undefined;
  // Slack is on when SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN are set: POST /slack/events on the same port.
  const slack = config.slack
    ? loadSlack().createSlackChannel(config.slack, {
        connect,
        store,
        clock,
        log: log.child({ component: 'slack' }),
        tasks,
        conversations,
      })
    : undefined;
  if (config.localMode)
    log.warn(
      {},
      'local mode: neither MicrosoftAppId nor Slack is set, so Teams requests are NOT authenticated; listening on 127.0.0.1 only',
    );
  const host = overrides.host ?? (config.localMode ? '127.0.0.1' : '0.0.0.0');
  let server: RunningServer;
  let playground: Playground | undefined;
  // The playground (GET /) plays Teams for a browser: local mode only, never with MicrosoftAppId.
  const extraRoutes = config.localMode
    ? (s: Parameters<ReturnType<typeof loadPlayground>['registerPlayground']>[0]) => {
        playground = loadPlayground().registerPlayground(s, { log: log.child({ component: 'playground' }) });
      }
    : undefined;
  try {
    server = await startServer({
      port: config.port,
      host,
      ...(teams ? { teams: teams.route } : {}),
      store,
      log,
      extraRoutes,
      slack: slack?.requestListener,
    });
  } catch (e) {
    await store.close();
    throw e;
  }
  return {
    url: server.url,
    store,
    tasks,
    close: async () => {
      // Requests in flight finish first (a submit registers its verification before it answers),
      // then the verifications they started, then the store closes.
      const closed = server.stopAccepting();
      playground?.close();
      await Promise.race([closed, new Promise((r) => setTimeout(r, 10_000).unref())]);
      const drained = await tasks.drain(30_000);
      if (!drained) log.warn({ running: tasks.size }, 'stopped with work still running');
      server.dropConnections();
      await closed;
      await store.close();
    },
  };
}

/*
 * Each channel's SDK is loaded only when the channel is on: a Slack-only bot never loads botbuilder
 * (about half the heap, and a tenth of the Slack request path's throughput), a Teams-only one never
 * loads Bolt.
 */
function loadTeams(): typeof import('./channels/teams') {
  return require('./channels/teams') as typeof import('./channels/teams');
}

function loadPlayground(): typeof import('./playground') {
  return require('./playground') as typeof import('./playground');
}

function loadSlack(): typeof import('./channels/slack/channel') {
  return require('./channels/slack/channel') as typeof import('./channels/slack/channel');
}
