/**
 * The Teams channel as the composition root sees it: one factory, loaded only when Teams is on
 * (botbuilder alone is about half the heap of a bot that serves Slack only).
 */
import type { ConnectDeps } from '../../core/connect';
import type { ConversationMemo } from '../../core/conversation-memo';
import type { Logger } from '../../core/ports';
import type { TaskTracker } from '../../core/task-tracker';
import { createTeamsAdapter, type TeamsAuth } from './adapter';
import { TeamsBot } from './bot';
import { teamsRoute } from './route';

export interface TeamsChannelOptions {
  /** Bot Framework credentials; undefined in local mode. */
  auth: TeamsAuth | undefined;
  /** Local mode: unauthenticated, and only a Bot Connector on this machine is answered. */
  localMode: boolean;
  connect: ConnectDeps;
  tasks: TaskTracker;
  conversations: ConversationMemo;
  log: Logger;
}

export function createTeamsChannel(opts: TeamsChannelOptions) {
  const { connect, log } = opts;
  const adapter = createTeamsAdapter(opts.auth, log);
  const bot = new TeamsBot({
    connect,
    store: connect.store,
    clock: connect.clock,
    log,
    tasks: opts.tasks,
    adapter,
    appId: opts.auth?.appId ?? '',
    conversations: opts.conversations,
  });
  return { route: teamsRoute({ adapter, bot, log, loopbackServiceUrlOnly: opts.localMode }) };
}
