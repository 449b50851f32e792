/**
 * The Teams channel as the composition root sees it: one factory, loaded only when Teams is on
 * (botbuilder alone is about half the heap of a bot that serves Slack only).
 */
import type { CoreDeps } from '../../core/commands/context';
import type { ConversationMemo } from '../../core/conversation-memo';
import type { Notifier } from '../../core/notifier';
import type { Logger } from '../../core/ports';
import { createTeamsAdapter, type TeamsAuth } from './adapter';
import { TeamsBot } from './bot';
import { TeamsNotifier } from './notifier';
import { teamsRoute } from './route';

export interface TeamsChannelOptions {
  /** Bot Framework credentials; undefined in local mode. */
  auth: TeamsAuth | undefined;
  /** Local mode: unauthenticated, and only a Bot Connector on this machine is answered. */
  localMode: boolean;
  conversations: ConversationMemo;
  log: Logger;
}

export interface TeamsChannel {
  notifier: Notifier;
  /** The route of POST /api/messages, once the core's ports exist (they need the notifier first). */
  route(core: CoreDeps): ReturnType<typeof teamsRoute>;
}

export function createTeamsChannel(opts: TeamsChannelOptions): TeamsChannel {
  const { log } = opts;
  const adapter = createTeamsAdapter(opts.auth, log);
  const notifier = new TeamsNotifier({
    adapter,
    appId: opts.auth?.appId ?? '',
    conversations: opts.conversations.repo,
    log,
  });
  return {
    notifier,
    route: (core) =>
      teamsRoute({
        adapter,
        bot: new TeamsBot({ core, log, adapter, conversations: opts.conversations }),
        log,
        loopbackServiceUrlOnly: opts.localMode,
      }),
  };
}
