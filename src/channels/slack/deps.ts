import type { CoreDeps } from '../../core/commands/context';
import type { Workspace } from '../../core/connection';
import type { ConversationMemo } from '../../core/conversation-memo';
import type { Clock, Logger } from '../../core/ports';
import type { TaskTracker } from '../../core/task-tracker';

/** What the Slack listeners need from the composition root. */
export interface SlackDeps {
  core: CoreDeps;
  clock: Clock;
  log: Logger;
  /** Requests in flight (their listeners outlive the ack); shutdown waits for them. */
  tasks: TaskTracker;
  /** Where each conversation is, saved only when it changed. */
  conversations: ConversationMemo;
}

/** Remembers the workspace and the channel, so later notifications can go there (SPEC 1.3). */
export async function rememberConversation(
  conversations: ConversationMemo,
  workspace: Workspace,
  reference: SlackConversationReference,
): Promise<void> {
  await conversations.remember(workspace, {
    workspaceId: workspace.id,
    key: reference.channelId,
    channel: 'slack',
    reference,
  });
}

/** A Slack conversation target: the channel and the team it belongs to. */
export interface SlackConversationReference {
  channelId: string;
  teamId: string;
}
