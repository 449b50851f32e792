import { AzureEngine } from './azure';
import { routeAzureSdkLogs } from './azure/sdk-logging';
import type { SlackChannel } from './channels/slack/channel';
import type { TeamsChannel } from './channels/teams';
import { RULES } from './checks';
import type { Config } from './config';
import type { CoreDeps } from './core/commands/context';
import { CONNECT_JOB, connectJob, recoverConnectAttempts } from './core/connect/job';
import { ConversationMemo } from './core/conversation-memo';
import { EXPIRY_JOB, ensureExpiryCheck, expiryCheckJob } from './core/expiry/check';
import type { Notifier } from './core/notifier';
import { ChannelNotifiers } from './core/notifiers';
import { NOTIFY_JOB, notifyJob } from './core/notify/deliver';
import type { AzureConnector, Clock } from './core/ports';
import { ensureSchedules } from './core/schedule/ensure';
import { SCHEDULED_SYNC_JOB } from './core/schedule/schedule';
import { scheduledSyncJob } from './core/schedule/scheduled-sync';
import type { Store } from './core/store/ports';
import { SYNC_JOB, syncJob } from './core/sync/job';
import { TaskTracker } from './core/task-tracker';
import { EmbeddedJobs, type EmbeddedJobsOptions } from './jobs/embedded';
import type { Log } from './logger';
import type { Playground } from './playground';
import { type RunningServer, startServer } from './server';
import { openStore } from './store';

export interface AppOverrides {
  clock?: Clock;
  azure?: AzureConnector;
  /** Bind address; defaults to 127.0.0.1 in local mode and 0.0.0.0 otherwise. */
  host?: string;
  jobs?: Partial<EmbeddedJobsOptions>;
}

export interface App {
  url: string;
  store: Store;
  jobs: EmbeddedJobs;
  /** Graceful stop: no new requests, requests and jobs in flight finished (up to 30 s), store closed. */
  close(): Promise<void>;
}

/** Composition: config → store → azure → channels (notifiers) → core → jobs → routes → server. */
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
  const conversations = new ConversationMemo(store.workspaces, store.conversations);
  const jobs = new EmbeddedJobs(store.jobs, clock, log.child({ component: 'jobs' }), overrides.jobs);

  // Teams is on with MicrosoftAppId (authenticated) or in local mode (unauthenticated, 127.0.0.1 only).
  const teams: TeamsChannel | undefined =
    config.teams || config.localMode
      ? loadTeams().createTeamsChannel({
          auth: config.teams,
          localMode: config.localMode,
          conversations,
          log,
        })
      : undefined;
  // Slack is on when SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN are set: POST /slack/events on the same port.
  const slack: SlackChannel | undefined = config.slack
    ? loadSlack().createSlackChannel(config.slack, {
        clock,
        log: log.child({ component: 'slack' }),
        tasks,
        conversations,
      })
    : undefined;
  const notifiers: Partial<Record<'teams' | 'slack', Notifier>> = {};
  if (teams) notifiers.teams = teams.notifier;
  if (slack) notifiers.slack = slack.notifier;

  const core: CoreDeps = {
    store,
    clock,
    log,
    azure,
    jobs,
    notifier: new ChannelNotifiers(notifiers),
    rules: RULES,
    ...(config.admins ? { admins: config.admins } : {}),
    syncIntervalMs: config.syncIntervalMs,
    expiryCheckIntervalMs: config.expiryCheckIntervalMs,
    expiryThresholdsDays: config.expiryThresholdsDays,
  };
  jobs.register(CONNECT_JOB, connectJob(core));
  jobs.register(SYNC_JOB, syncJob(core));
  jobs.register(SCHEDULED_SYNC_JOB, scheduledSyncJob(core), { concurrency: config.syncConcurrency });
  jobs.register(NOTIFY_JOB, notifyJob(core));
  jobs.register(EXPIRY_JOB, expiryCheckJob(core));

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
    await jobs.start();
    await ensureSchedules(core);
    await ensureExpiryCheck(core);
    const recovered = await recoverConnectAttempts(core);
    if (recovered > 0) log.info({ attempts: recovered }, 'connect attempts left unfinished: resumed');
    server = await startServer({
      port: config.port,
      host,
      ...(teams ? { teams: teams.route(core) } : {}),
      ...(slack ? { slack: slack.route(core) } : {}),
      store,
      log,
      extraRoutes,
    });
  } catch (e) {
    await jobs.stop(5_000);
    await store.close();
    throw e;
  }
  return {
    url: server.url,
    store,
    jobs,
    close: async () => {
      // Requests in flight finish first (a submit stores its attempt before it answers), then the
      // jobs they started, then the store closes. Jobs cut short resume at the next start.
      const closed = server.stopAccepting();
      playground?.close();
      await Promise.race([closed, new Promise((r) => setTimeout(r, 10_000).unref())]);
      // Listeners first (a Slack submit enqueues its job after the ack), then the jobs.
      const requests = await tasks.drain(15_000);
      const work = await jobs.stop(30_000);
      const drained = requests && work;
      if (!drained) log.warn({ running: tasks.size + jobs.size }, 'stopped with work still running');
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
