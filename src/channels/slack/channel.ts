/**
 * The Slack channel: Bolt on the app's own HTTP server (HTTPReceiver's request listener on
 * POST /slack/events), listeners registered here, one error handler. Handlers stay thin:
 * parse, call the core, render with ./blocks.
 */
import { type AnyMiddlewareArgs, App, HTTPReceiver, type Middleware, webApi } from '@slack/bolt';
import type { CoreDeps } from '../../core/commands/context';
import type { Notifier } from '../../core/notifier';
import type { TaskTracker } from '../../core/task-tracker';
import { type ButtonArgs, buttonListener } from './actions';
import { CONNECT_CALLBACK_ID, ROTATE_CALLBACK_ID } from './blocks/ids';

import { boltLogger } from './bolt-logger';
import { botAuthorization } from './bot-authorization';
import { type CommandArgs, commandListener } from './commands';
import { connectSubmitListener, type SubmitArgs } from './connect-submit';
import type { SlackDeps } from './deps';
import { slackErrorHandler } from './errors';
import { SlackNotifier } from './notifier';
import { rotateSubmitListener } from './rotate-submit';
import { type SlackRoute, slackRoute } from './route';

export interface SlackOptions {
  signingSecret: string;
  botToken: string;
  /** SLACK_API_URL: the Web API base (a local fake in tests). */
  apiUrl?: string;
}

export interface SlackChannel {
  notifier: Notifier;
  /**
   * The listener of POST /slack/events (checks, the body within its limit, then Bolt), once the
   * core's ports exist (they need the notifier first).
   */
  route(core: CoreDeps): SlackRoute;
}

export const SLACK_EVENTS_PATH = '/slack/events';

/** One attempt of a Slack Web API or response_url call. */
export const SLACK_CALL_TIMEOUT_MS = 5_000;

function fetchWithDeadline(ms: number): typeof fetch {
  return (input, init) =>
    fetch(input, {
      ...init,
      signal: init?.signal
        ? AbortSignal.any([init.signal, AbortSignal.timeout(ms)])
        : AbortSignal.timeout(ms),
    });
}

/** Every Bolt request counts as running work until its listeners finish (after the ack, too). */
interface Listeners {
  command: ReturnType<typeof commandListener>;
  connectSubmit: ReturnType<typeof connectSubmitListener>;
  rotateSubmit: ReturnType<typeof rotateSubmitListener>;
  button: ReturnType<typeof buttonListener>;
}

/**
 * The one middleware that routes every request the bot answers (slash commands, its modals'
 * submissions, its buttons), each tracked for a graceful stop. Bolt runs every registered
 * listener's matchers on every request; one dispatcher keeps the request path short. Anything
 * else goes on to Bolt (which acknowledges events itself).
 */
function dispatcher(tasks: TaskTracker, on: Listeners): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const leave = tasks.enter();
    try {
      const body = args.body as { command?: unknown; type?: unknown; view?: { callback_id?: unknown } };
      if (typeof body.command === 'string') return await on.command(args as unknown as CommandArgs);
      if (body.type === 'view_submission') {
        const callback = body.view?.callback_id;
        if (callback === CONNECT_CALLBACK_ID) return await on.connectSubmit(args as unknown as SubmitArgs);
        if (callback === ROTATE_CALLBACK_ID) return await on.rotateSubmit(args as unknown as SubmitArgs);
      }
      if (body.type === 'block_actions') {
        const action = (args as { action?: { type?: unknown; action_id?: unknown } }).action;
        if (
          action?.type === 'button' &&
          typeof action.action_id === 'string' &&
          action.action_id.startsWith('osto_')
        )
          return await on.button(args as unknown as ButtonArgs);
      }
      await args.next();
    } finally {
      leave();
    }
  };
}

export function createSlackChannel(options: SlackOptions, base: Omit<SlackDeps, 'core'>): SlackChannel {
  const logger = boltLogger(base.log);
  const receiver = new HTTPReceiver({
    signingSecret: options.signingSecret,
    endpoints: SLACK_EVENTS_PATH,
    processBeforeResponse: false,
    logger,
  });
  const slackApiUrl = options.apiUrl ? options.apiUrl.replace(/\/*$/, '/') : undefined;
  const clientOptions: webApi.WebClientOptions = {
    ...(slackApiUrl ? { slackApiUrl } : {}),
    logger,
    // A short retry for network blips; Slack's own answers (not_in_channel, ...) are never retried.
    // With the per-attempt timeout, one Web API call ends within ~17 s whatever the peer does.
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 1_000 },
    timeout: SLACK_CALL_TIMEOUT_MS,
  };
  // The bot's own client: auth.test, and the error handler's direct messages.
  const client = new webApi.WebClient(options.botToken, clientOptions);
  return {
    notifier: new SlackNotifier(client, base.log),
    route(core) {
      const deps: SlackDeps = { ...base, core };
      const app = new App({
        receiver,
        authorize: botAuthorization(client, options.botToken),
        logger,
        convoStore: false,
        extendedErrorHandler: true,
        // Bolt's respond() posts to response_url with this fetch: give it a deadline too.
        clientOptions: { ...clientOptions, fetch: fetchWithDeadline(SLACK_CALL_TIMEOUT_MS) },
      });
      app.use(
        dispatcher(deps.tasks, {
          command: commandListener(deps),
          connectSubmit: connectSubmitListener(deps),
          rotateSubmit: rotateSubmitListener(deps),
          button: buttonListener(deps),
        }),
      );
      app.error(slackErrorHandler(deps.log, client));
      deps.log.info({ path: SLACK_EVENTS_PATH }, 'slack enabled');
      return slackRoute(receiver.requestListener, deps.clock, deps.log);
    },
  };
}
